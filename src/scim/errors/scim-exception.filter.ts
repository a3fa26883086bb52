import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { FailedRequestRecorder } from '../../audit/failed-request-recorder';
import { AuthenticatedRequest } from '../../auth/api-key.guard';
import { assertNever } from '../../common/assert-never';
import { UserError } from '../../users/user-errors';
import { ScimError } from './scim-error';
import { isScimUrl, SCIM_CONTENT_TYPE } from '../scim-content-type';

const ATTRIBUTE_OF_FIELD = {
  userName: 'userName',
  email: 'emails[type eq "work"].value',
  externalId: 'externalId',
} as const;

/**
 * Registered globally so that unknown routes under the SCIM base are caught too; everything
 * outside that base keeps Nest's default rendering.
 *
 * Renders every failure on the SCIM routes as an RFC 7644 §3.12 error body, including Nest's
 * own (unknown route, bad key) and the store's. Unexpected errors become a bare 500: the body
 * never carries a stack, SQL or the client's input.
 */
@Catch()
export class ScimExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(ScimExceptionFilter.name);

  constructor(private readonly failedRequests: FailedRequestRecorder) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!isScimUrl(request.url)) return super.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toScimError(exception);
    if (error.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="scim"');
    void reply.status(error.status).header('Content-Type', SCIM_CONTENT_TYPE).send(error.toBody());
    // Admins see in the provisioning activity why Entra reports errors.
    this.failedRequests.record(request, error);
  }

  private toScimError(exception: unknown): ScimError {
    if (exception instanceof ScimError) return exception;
    if (exception instanceof UserError) return fromUserError(exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    this.logger.error(exception);
    return new ScimError(HttpStatus.INTERNAL_SERVER_ERROR, undefined, 'Internal server error.');
  }
}

function fromUserError(error: UserError): ScimError {
  switch (error.code) {
    case 'conflict': {
      const attribute = ATTRIBUTE_OF_FIELD[error.field ?? 'userName'];
      return ScimError.conflict(`Another user already has this ${attribute}.`);
    }
    case 'notFound':
      return ScimError.notFound(error.message);
    case 'versionMismatch':
      // RFC 7644 §3.14: a failed If-Match precondition.
      return new ScimError(HttpStatus.PRECONDITION_FAILED, undefined, error.message);
    default:
      return assertNever(error.code);
  }
}

/** Nest's and Fastify's HTTP errors keep their status; their text is ours, never echoed input. */
function fromHttpException(exception: HttpException): ScimError {
  const status = exception.getStatus();
  const detail = DETAIL_BY_STATUS[status] ?? exception.message;
  return new ScimError(status, status === 400 ? 'invalidSyntax' : undefined, detail);
}

const DETAIL_BY_STATUS: Readonly<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'The request body is not valid JSON.',
  [HttpStatus.UNAUTHORIZED]: 'A valid provisioning API key is required as a Bearer token.',
  [HttpStatus.FORBIDDEN]: 'This key may not perform this operation.',
  [HttpStatus.NOT_FOUND]: 'No such SCIM endpoint.',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'This method is not supported on this endpoint.',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'The request body exceeds the maximum payload size.',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Send the body as application/scim+json or application/json.',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too many requests; retry later.',
};
