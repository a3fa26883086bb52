/** What a provisioning event is about; groups join when their issue lands. */
export type EventResourceType = 'User';

/**
 * What happened. Writes are named after their effect on the user (a PATCH with `active: false`
 * is a `suspend`); failed requests carry the operation their method asked for (`read` for GET).
 */
export type EventOperation =
  'create' | 'update' | 'suspend' | 'restore' | 'deprovision' | 'revive' | 'erase' | 'read' | 'other';

export type EventOutcome = 'success' | 'failure';

export type EventActorType = 'provisioning' | 'admin';

/**
 * One attribute a write changed, with masked values (see mask-personal-value.ts). Both values
 * are absent once the user has been erased: the event then only says the attribute changed.
 */
export interface AttributeChange {
  readonly attribute: string;
  readonly before?: string | boolean | null;
  readonly after?: string | boolean | null;
}
