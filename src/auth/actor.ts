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
