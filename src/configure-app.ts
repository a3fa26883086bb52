import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ADMIN_API_TAG, ADMIN_SECURITY_SCHEME } from './admin/admin-controller.decorator';
import { PROVISIONING_SECURITY_SCHEME } from './auth/authenticated.decorator';
import { AppConfig } from './config/app-config';
import { requestId } from './logging/request-id';
import { SCIM_MEDIA_TYPE } from './scim/scim-content-type';

/** 1 MiB: advertised in ServiceProviderConfig as the largest body we accept (RFC 7644 §3.7 maxPayloadSize). */
export const MAX_BODY_BYTES = 1024 * 1024;

export const DOCS_PATH = 'docs';

/** Fastify options both main.ts and the e2e tests create the adapter with. */
export const fastifyOptions = {
  bodyLimit: MAX_BODY_BYTES,
  // Keep Fastify's prototype-poisoning protection: a body with __proto__ or constructor.prototype is refused.
  onProtoPoisoning: 'error',
  onConstructorPoisoning: 'error',
  trustProxy: true,
  genReqId: requestId,
} as const;

/**
 * Everything main.ts and the e2e tests must share beyond the module graph, so tests exercise
 * exactly what runs in production.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
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
        { type: 'http', scheme: 'bearer', description: 'Bloomflow provisioning API key (bfk_…)' },
        PROVISIONING_SECURITY_SCHEME,
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'The admin API key (ADMIN_API_KEY)' },
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
