/**
 * The admin API's response bodies. Plain types with no imports, so the admin page's bundle
 * (src/admin-ui) compiles against the very shapes the server returns.
 */

export type ActorType = 'provisioning' | 'admin';

/** Who created or last changed a user: a provisioning key (by name) or an admin. */
export interface ActorView {
  readonly type: ActorType;
  readonly label: string;
}

/** `deprovisioned`: removed by the provisioning client (SCIM DELETE), kept for admins. */
export type UserStatus = 'active' | 'suspended' | 'deprovisioned';

export interface AdminUserSummary {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly status: UserStatus;
  /** Linked to the identity provider (it holds an externalId) and still in its view. */
  readonly provisioned: boolean;
  readonly createdBy: ActorView;
  readonly updatedBy: ActorView;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AdminUserPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly users: AdminUserSummary[];
}

export interface AdminUserProfile extends AdminUserSummary {
  readonly userName: string;
  readonly externalId: string | null;
  readonly suspended: boolean;
  readonly phone: string | null;
  readonly job: string | null;
  readonly location: string | null;
  readonly businessUnit: string | null;
  readonly deprovisionedAt: string | null;
  readonly version: number;
  /** The SCIM attributes stored for the user, as the provisioning client last wrote them. */
  readonly scimAttributes: Record<string, unknown>;
  /** Groups arrive with their own issue; empty until then. */
  readonly groups: { readonly id: string; readonly displayName: string }[];
  /** The user's provisioning events, newest first. */
  readonly history: ProvisioningEventView[];
}

export type EventOutcome = 'success' | 'failure';

export interface AttributeChangeView {
  readonly attribute: string;
  /** Masked; absent once the user was erased. */
  readonly before?: string | boolean | null;
  readonly after?: string | boolean | null;
}

export interface ProvisioningEventView {
  readonly id: number;
  readonly occurredAt: string;
  /** Null when the request carried no valid key. */
  readonly actor: { readonly type: ActorType; readonly id: string; readonly label: string } | null;
  readonly resourceType: string | null;
  readonly resourceId: string | null;
  readonly resourceLabel: string | null;
  readonly operation: string;
  readonly changes: AttributeChangeView[];
  readonly outcome: EventOutcome;
  readonly status: number;
  readonly error: { readonly scimType: string | null; readonly detail: string } | null;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly requestId: string | null;
  } | null;
}

export interface ProvisioningEventPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly events: ProvisioningEventView[];
}

export interface PlatformInfo {
  readonly clientId: string;
  readonly publicUrl: string;
  /** What Entra's "Tenant URL" field takes. */
  readonly tenantUrl: string;
  readonly docsUrl: string;
  readonly counts: {
    readonly users: number;
    readonly provisioned: number;
    readonly suspended: number;
    readonly deprovisioned: number;
  };
  /** The last request a provisioning key was accepted for (to the minute), or null. */
  readonly lastProvisioningRequestAt: string | null;
}

export type ApiKeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  /** The first characters of the secret, enough to tell keys apart. */
  readonly prefix: string;
  readonly status: ApiKeyStatus;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  /** A rotated key works until then. */
  readonly expiresAt: string | null;
}

export interface CreatedApiKeyView {
  readonly key: ApiKeyView;
  /** Shown this once; only its hash is stored. */
  readonly secret: string;
}

export interface RotatedApiKeyView extends CreatedApiKeyView {
  readonly previous: ApiKeyView;
}

/** Every admin API error: the status, its name and one sentence saying what to fix. */
export interface AdminErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  /** One entry per invalid field, for a 400. */
  readonly details?: string[];
}
