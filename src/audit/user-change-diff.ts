import { parseJsonObject } from '../scim/scim-resource';
import type { UserDraft } from '../users/user-draft';
import type { AttributeChange } from './provisioning-event';
import { maskEmail, maskPhone, maskText } from './mask-personal-value';

type DiffedField = Exclude<keyof UserDraft, 'scimProfile'>;

/**
 * How each Bloomflow field appears in the activity. Every field of a user is personal data,
 * so every text value is masked; only the suspended flag (null here) is shown as it is.
 */
const MASK_OF_FIELD: Readonly<Record<DiffedField, ((value: string) => string) | null>> = {
  userName: maskEmail,
  email: maskEmail,
  firstName: maskText,
  lastName: maskText,
  externalId: maskText,
  suspended: null,
  phone: maskPhone,
  job: maskText,
  location: maskText,
  businessUnit: maskText,
};

const FIELDS = Object.keys(MASK_OF_FIELD) as DiffedField[];

/**
 * The attribute-level difference between two states of a user (null: the user did not exist),
 * values masked. An update that changes no Bloomflow field but only the stored SCIM attributes
 * (`displayName`, …) names those, without values, as `scim:<attribute>`.
 */
export function diffUserDrafts(before: UserDraft | null, after: UserDraft | null): AttributeChange[] {
  const changes: AttributeChange[] = FIELDS.filter(
    (field) => (before?.[field] ?? null) !== (after?.[field] ?? null),
  ).map((field) => ({
    attribute: field,
    before: masked(field, before),
    after: masked(field, after),
  }));
  if (before && after && changes.length === 0) return profileChanges(before.scimProfile, after.scimProfile);
  return changes;
}

/** The Bloomflow field names only: what an erased user's trail keeps. */
export function redactChanges(changes: readonly AttributeChange[]): AttributeChange[] {
  return changes.map(({ attribute }) => ({ attribute }));
}

export function userLabel(user: Pick<UserDraft, 'email'>): string {
  return maskEmail(user.email);
}

function masked(field: DiffedField, user: UserDraft | null): string | boolean | null {
  const value = user?.[field];
  if (value === undefined || value === null) return null;
  const mask = MASK_OF_FIELD[field];
  return typeof value === 'boolean' || mask === null ? value : mask(value);
}

function profileChanges(before: string, after: string): AttributeChange[] {
  if (before === after) return [];
  const old = parseJsonObject(before);
  const next = parseJsonObject(after);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  return keys
    .filter((key) => JSON.stringify(old[key]) !== JSON.stringify(next[key]))
    .map((key) => ({ attribute: `scim:${key}` }));
}
