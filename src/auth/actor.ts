/**
 * Who is making a change. Passed explicitly into every service method that writes, so the
 * audit columns (`createdBy`/`updatedBy`) come from the caller, never from a global.
 */
export type Actor =
  | { readonly kind: 'provisioning'; readonly keyId: string; readonly keyName: string }
  | { readonly kind: 'admin'; readonly adminId: string };

/** The audit label stored in `createdBy`/`updatedBy`: `provisioning:<key name>` or `admin:<id>`. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'provisioning':
      return `provisioning:${actor.keyName}`;
    case 'admin':
      return `admin:${actor.adminId}`;
  }
}

/** Who wrote a user, as the admin panel shows it: the kind of actor and its name. */
export interface ActorReference {
  readonly type: Actor['kind'];
  readonly label: string;
}

/** The inverse of actorLabel. */
export function parseActorLabel(stored: string): ActorReference {
  const separator = stored.indexOf(':');
  const kind = stored.slice(0, separator);
  const label = stored.slice(separator + 1);
  return kind === 'provisioning' ? { type: 'provisioning', label } : { type: 'admin', label };
}
