import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiKeyError } from '../auth/api-key-errors';
import { assertNever } from '../common/assert-never';
import { UserError } from '../users/user-errors';
import type { AdminErrorBody } from './admin-views';

/**
 * Renders every failure of the admin API as an AdminErrorBody: JSON with one clear message.
 * The stores' typed errors map to statuses here; unexpected errors are a bare 500.
 */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AdminExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode === 401) void reply.header('WWW-Authenticate', 'Bearer realm="admin"');
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): AdminErrorBody {
    if (exception instanceof UserError) return fromUserError(exception);
    if (exception instanceof ApiKeyError) return fromApiKeyError(exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    this.logger.error(exception);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error.');
  }
}

function fromUserError(error: UserError): AdminErrorBody {
  switch (error.code) {
    case 'conflict':
      return body(
        HttpStatus.CONFLICT,
        error.field === 'externalId'
          ? 'Another user is already linked to this externalId.'
          : 'Another user already has this email.',
      );
    case 'notFound':
      return body(HttpStatus.NOT_FOUND, error.message);
    case 'versionMismatch':
      return body(HttpStatus.CONFLICT, 'The user changed while it was being saved; reload and retry.');
    default:
      return assertNever(error.code);
  }
}

function fromApiKeyError(error: ApiKeyError): AdminErrorBody {
  switch (error.code) {
    case 'notFound':
      return body(HttpStatus.NOT_FOUND, error.message);
    case 'nameTaken':
    case 'inactive':
      return body(HttpStatus.CONFLICT, error.message);
    default:
      return assertNever(error.code);
  }
}

/** Nest's and the validation pipe's errors keep their status and message. */
function fromHttpException(exception: HttpException): AdminErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null) {
    const { message, details } = response as { message?: unknown; details?: unknown };
    const text = Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : undefined;
    const list = Array.isArray(details)
      ? details.filter((item): item is string => typeof item === 'string')
      : [];
    return { ...body(status, text ?? exception.message), ...(list.length > 0 ? { details: list } : {}) };
  }
  return body(status, typeof response === 'string' ? response : exception.message);
}

function body(statusCode: number, message: string): AdminErrorBody {
  return { statusCode, error: reasonPhrase(statusCode), message };
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (name === undefined) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
