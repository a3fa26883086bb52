import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { SCIM_BASE_PATH } from '../config/app-config';
import type { EventOperation, EventResourceType } from './provisioning-event';
import { ProvisioningEventsService } from './provisioning-events.service';

export interface FailureResponse {
  readonly status: number;
  readonly scimType: string | undefined;
  readonly detail: string;
}

const RESOURCE_BY_ENDPOINT: Readonly<Record<string, EventResourceType>> = { Users: 'User' };

/**
 * Records failed SCIM requests, so an admin can see why Entra reports errors. Called by the SCIM
 * exception filter once the error is rendered: the client's answer never waits for the audit
 * and a failed audit write is logged, never turned into a second error.
 */
@Injectable()
export class FailedRequestRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FailedRequestRecorder.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly events: ProvisioningEventsService) {}

  record(request: FastifyRequest & { actor?: Actor }, response: FailureResponse): void {
    const path = request.url.split('?')[0];
    const [endpoint, id] = path.slice(SCIM_BASE_PATH.length + 1).split('/');
    const resourceType = RESOURCE_BY_ENDPOINT[endpoint] ?? null;
    const write: Promise<void> = this.events
      .recordFailedRequest({
        actor: request.actor,
        operation: operationOf(request.method),
        resourceType,
        resourceId: resourceType !== null && id ? decodeSegment(id) : null,
        method: request.method,
        path,
        status: response.status,
        errorType: response.scimType,
        detail: response.detail,
        requestId: typeof request.id === 'string' ? request.id : undefined,
      })
      .catch((error: unknown) => this.logger.error(error, 'Could not record a failed SCIM request'))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every failure reported so far is stored. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** The database closes on shutdown: let the last records land first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }
}

function operationOf(method: string): EventOperation {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      return 'read';
    case 'POST':
      return 'create';
    case 'PUT':
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return 'deprovision';
    default:
      return 'other';
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).slice(0, 64);
  } catch {
    // A malformed escape is recorded as sent.
    return segment.slice(0, 64);
  }
}
