import type { AttributeChange } from '../audit/provisioning-event';
import type { ProvisioningEventEntity } from '../audit/provisioning-event.entity';
import type { ProvisioningEventView } from './admin-views';

export function toProvisioningEventView(event: ProvisioningEventEntity): ProvisioningEventView {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor:
      event.actorType === null
        ? null
        : { type: event.actorType, id: event.actorId ?? '', label: event.actorLabel ?? '' },
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    resourceLabel: event.resourceLabel,
    operation: event.operation,
    changes: JSON.parse(event.changes) as AttributeChange[],
    outcome: event.outcome,
    status: event.status,
    error:
      event.outcome === 'failure' ? { scimType: event.errorType, detail: event.errorDetail ?? '' } : null,
    request:
      event.requestMethod === null || event.requestPath === null
        ? null
        : { method: event.requestMethod, path: event.requestPath, requestId: event.requestId },
  };
}
