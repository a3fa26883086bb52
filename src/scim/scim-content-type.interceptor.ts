import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import { SCIM_CONTENT_TYPE } from './scim-content-type';

/** RFC 7644 §3.1: every SCIM response is application/scim+json. */
@Injectable()
export class ScimContentTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    void context.switchToHttp().getResponse<FastifyReply>().header('Content-Type', SCIM_CONTENT_TYPE);
    return next.handle();
  }
}
