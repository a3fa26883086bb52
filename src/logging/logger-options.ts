import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/**
 * JSON logs with a request id on every line. Query strings are cut from logged URLs (SCIM
 * filters carry emails) and credentials are redacted.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      // Fastify assigns the id (see fastifyOptions.genReqId); pino-http reuses it.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customProps: () => ({ service: 'bloomflow-scim' }),
    },
  };
}
