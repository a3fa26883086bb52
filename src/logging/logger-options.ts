import type { LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';

/**
 * JSON logs through Fastify's own pino: every line of a request carries its `reqId`.
 * Credentials are redacted and no query string is logged (SCIM filters carry emails).
 */
export function pinoOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    base: { service: 'bloomflow-scim' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
      }),
    },
  };
}
