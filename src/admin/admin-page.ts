import fastifyStatic from '@fastify/static';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adminUiBuildPath } from './admin-ui-location';

export const ADMIN_PAGE_PATH = '/admin';

/**
 * Everything the page loads comes from this origin: no inline script or style, no CDN, and
 * the only requests it makes go to the admin API.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the admin page's static bundle (built from admin-ui/ by `npm run build:admin-ui`) at
 * /admin/ with @fastify/static, registered on the app's own Fastify instance before it is ready.
 */
@Injectable()
export class AdminPage implements OnModuleInit {
  private readonly logger = new Logger(AdminPage.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const root = adminUiBuildPath();
    if (!existsSync(join(root, 'index.html'))) {
      this.logger.warn(`The admin panel is not built (${root}): run "npm run build:admin-ui".`);
      const notBuilt = 'The admin panel is not built: run "npm run build:admin-ui", then restart.\n';
      fastify.get(ADMIN_PAGE_PATH, (_request, reply) => reply.code(503).type('text/plain').send(notBuilt));
      fastify.get(`${ADMIN_PAGE_PATH}/*`, (_request, reply) =>
        reply.code(503).type('text/plain').send(notBuilt),
      );
      return;
    }
    // Queued, not awaited: awaiting would boot Fastify's plugin tree before Nest has set its
    // error handler, and body-parsing errors would then skip the SCIM error rendering.
    void fastify.register(fastifyStatic, {
      root,
      prefix: `${ADMIN_PAGE_PATH}/`,
      index: ['index.html'],
      // Swagger or another plugin may decorate the reply too; this instance needs no decoration.
      decorateReply: false,
      // Rebuilt bundles are picked up at once; ETags keep revalidation cheap.
      cacheControl: false,
      setHeaders: (reply: FastifyReply) => {
        void reply.headers({
          'cache-control': 'no-cache',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
        });
      },
    });
    // Relative asset URLs in index.html need the trailing slash.
    fastify.get(ADMIN_PAGE_PATH, (_request, reply) => reply.redirect(`${ADMIN_PAGE_PATH}/`, 301));
  }
}
