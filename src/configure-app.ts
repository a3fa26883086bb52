import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import pino from 'pino';
import { ADMIN_API_TAG, ADMIN_SECURITY_SCHEME } from './admin/admin-controller.decorator';
import { PROVISIONING_SECURITY_SCHEME } from './auth/authenticated.decorator';
import { AppConfig } from './config/app-config';
import { pinoOptions } from './logging/logger-options';
import { NestPinoLogger } from './logging/nest-pino-logger';
import { requestId } from './logging/request-id';
import { isScimUrl, SCIM_CONTENT_TYPE, SCIM_MEDIA_TYPE } from './scim/scim-content-type';

/** 1 MiB: advertised in ServiceProviderConfig as the largest body we accept (RFC 7644 §3.7 maxPayloadSize). */
export const MAX_BODY_BYTES = 1024 * 1024;

export const DOCS_PATH = 'docs';

/** The Fastify adapter main.ts and the e2e tests both run on. */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    // Keep Fastify's prototype-poisoning protection: a body with __proto__ or constructor.prototype is refused.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: true,
    genReqId: requestId,
    // Asynchronous stdout: lines written while a write is in flight go out together, one
    // syscall for many requests under load, at once when idle. Flushed when the app closes.
    loggerInstance: pino(pinoOptions(config), pino.destination({ dest: 1, sync: false })),
    // One line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });
}

/**
 * Everything main.ts and the e2e tests must share beyond the module graph, so tests exercise
 * exactly what runs in production.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const logger = fastify.log as pino.Logger;
  app.useLogger(new NestPinoLogger(logger));
  app.enableShutdownHooks();
  // RFC 7644 §3.1: every SCIM response is application/scim+json, errors and unknown routes included.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (isScimUrl(request.url) && payload !== null && payload !== undefined)
      reply.header('content-type', SCIM_CONTENT_TYPE);
    done(null, payload);
  });
  fastify.addHook('onClose', (_instance, done) => logger.flush(() => done()));
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
    done();
  });
  // RFC 7644 §3.1: SCIM bodies arrive as application/scim+json; parse them as JSON, with the same guards.
  fastify.addContentTypeParser(
    SCIM_MEDIA_TYPE,
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    fastify.getDefaultJsonParser('error', 'error'),
  );
  setUpSwagger(app, config);
  await app.init();
  // Only JSON is spoken here: any other body is a 415, not a string or form handed to a handler.
  fastify.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  await fastify.ready();
}

function setUpSwagger(app: NestFastifyApplication, config: AppConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bloomflow SCIM provisioning')
      .setDescription(
        `SCIM 2.0 (RFC 7643/7644) endpoint for Microsoft Entra ID. Tenant URL: ${config.tenantUrl}. ` +
          'Authenticate with a Bloomflow provisioning API key as Bearer token.',
      )
      .setVersion('1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'Bloomflow API key',
          description: 'Bloomflow provisioning API key (bfk_…)',
        },
        PROVISIONING_SECURITY_SCHEME,
      )
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'Bloomflow API key',
          description: 'The admin API key (ADMIN_API_KEY)',
        },
        ADMIN_SECURITY_SCHEME,
      )
      .addTag(
        ADMIN_API_TAG,
        "The admin panel's API under /api/admin, with the admin key; the panel is at /admin.",
      )
      .addServer(config.publicUrl)
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
}
