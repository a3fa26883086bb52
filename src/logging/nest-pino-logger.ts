import { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/** Nest's own messages (start-up, unexpected errors) as lines of the same JSON log. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, describe(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    const err = message instanceof Error ? message : undefined;
    this.pino.error({ context, err, trace }, describe(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, describe(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, describe(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, describe(message));
  }
}

function describe(message: unknown): string {
  if (message instanceof Error) return message.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
