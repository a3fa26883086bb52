import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue, ScimResource } from '../../src/scim/scim-resource';
import type { EntraCase } from '../../src/scim/patch/testing/entra-patch-cases';
import type { UserEntity } from '../../src/users/user.entity';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim-fixtures';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A PatchOp body as Entra sends it. */
export function patchOp(...operations: JsonObject[]): JsonObject {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/** Entra's PATCH requests carry the SCIM media type (RFC 7644 §3.1). */
export const ENTRA_PATCH_HEADERS = { 'content-type': 'application/scim+json' } as const;

/**
 * The case with the identity of its `before` user (userName, work email, externalId) swapped,
 * wherever it appears in before, body or after, for fresh values of the same shape: every
 * replay then owns its user in the shared database without changing what the case exercises.
 */
export function withFreshIdentity(entry: EntraCase): EntraCase {
  const fresh = randomUUID();
  const substitutions = new Map<string, string>();
  const userName = entry.before.userName;
  const email = workValue(entry.before, 'emails', 'value');
  const externalId = entry.before.externalId;
  if (typeof userName === 'string') substitutions.set(userName, `Test_User_${fresh}`);
  if (email !== undefined) substitutions.set(email, `Test_User_${fresh}@testuser.com`);
  if (typeof externalId === 'string') substitutions.set(externalId, randomUUID());
  const swap = <T extends JsonValue>(value: T): T => substitute(value, substitutions);
  return { ...entry, before: swap(entry.before), body: swap(entry.body), after: swap(entry.after) };
}

function substitute<T extends JsonValue>(value: T, substitutions: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (substitutions.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions)) as T;
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, substitute(member, substitutions)]),
    ) as T;
  }
  return value;
}

/**
 * What Bloomflow requires of every user (customer setup guide), named as the 400 names it,
 * in the order the mapper checks them, with a filler that completes a resource lacking it.
 */
interface RequiredAttribute {
  readonly name: string;
  readonly read: (resource: ScimResource) => string | undefined;
  readonly fill: (resource: ScimResource, token: string) => ScimResource;
}

const REQUIRED_BY_BLOOMFLOW: readonly RequiredAttribute[] = [
  {
    name: 'emails[type eq "work"].value',
    read: (resource) => workValue(resource, 'emails', 'value'),
    fill: (resource, token) => ({
      ...resource,
      emails: [...arrayAt(resource, 'emails'), { type: 'work', value: `completed.${token}@contoso.com` }],
    }),
  },
  {
    name: 'name.givenName',
    read: (resource) => stringAt(objectAt(resource, 'name'), 'givenName'),
    fill: (resource) => ({ ...resource, name: { ...objectAt(resource, 'name'), givenName: 'Completed' } }),
  },
  {
    name: 'name.familyName',
    read: (resource) => stringAt(objectAt(resource, 'name'), 'familyName'),
    fill: (resource) => ({ ...resource, name: { ...objectAt(resource, 'name'), familyName: 'Completed' } }),
  },
  {
    name: 'externalId',
    read: (resource) => stringAt(resource, 'externalId'),
    fill: (resource, token) => ({ ...resource, externalId: `completed-${token}` }),
  },
];

/** How a case plays out against Bloomflow's store. */
export type Replay =
  | { readonly kind: 'applies'; readonly before: ScimResource; readonly after: ScimResource }
  /** The patch creates a required attribute the user lacked: such a user cannot exist here. */
  | { readonly kind: 'beforeRefused'; readonly before: ScimResource; readonly attribute: string }
  /** The patch removes a required attribute: refused with 400, nothing stored. */
  | { readonly kind: 'patchRefused'; readonly before: ScimResource; readonly attribute: string };

/**
 * The case as Bloomflow's store can hold it. Server-assigned attributes leave both sides: a
 * client's POST cannot set them (RFC 7644 §3.3 ignores read-only attributes). Then `before` and
 * `after` are completed with each required attribute both lack (the patch does not touch it, so
 * a filler cannot interfere); a required attribute present on one side only is what the patch
 * itself adds or takes away, so that case is not representable.
 */
export function replayOf(entry: EntraCase): Replay {
  const token = randomUUID().slice(0, 8);
  let before = clientWritable(entry.before);
  let after = clientWritable(entry.after);
  for (const attribute of REQUIRED_BY_BLOOMFLOW) {
    const inBefore = present(attribute.read(before));
    const inAfter = present(attribute.read(after));
    if (!inBefore && inAfter) return { kind: 'beforeRefused', before, attribute: attribute.name };
    if (inBefore && !inAfter) return { kind: 'patchRefused', before, attribute: attribute.name };
    if (!inBefore && !inAfter) {
      before = attribute.fill(before, token);
      after = attribute.fill(after, token);
    }
  }
  return { kind: 'applies', before, after };
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/**
 * A resource without what only the server assigns (RFC 7643 §3.1, §4.1.2, §4.3): `id`, `meta`,
 * `groups` and the manager's `displayName`. What remains is what Entra would POST.
 */
export function clientWritable(resource: ScimResource): ScimResource {
  const { id: _id, meta: _meta, groups: _groups, ...attributes } = resource;
  const enterprise = objectAt(attributes, ENTERPRISE_SCHEMA);
  const manager = objectAt(enterprise, 'manager');
  if (enterprise === undefined || manager === undefined) return attributes;
  const { displayName: _displayName, ...assignable } = manager;
  return { ...attributes, [ENTERPRISE_SCHEMA]: { ...enterprise, manager: assignable } };
}

/**
 * A resource without what the server assigns (`id`, `meta`) and with `schemas` in a fixed
 * order (RFC 7643 §3 gives it no order), for comparing a response with a case's resource.
 */
export function comparable(resource: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { id: _id, meta: _meta, schemas, ...attributes } = resource;
  return { ...attributes, ...(Array.isArray(schemas) ? { schemas: [...(schemas as string[])].sort() } : {}) };
}

export type MappedColumns = Pick<
  UserEntity,
  | 'userName'
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'externalId'
  | 'suspended'
  | 'phone'
  | 'job'
  | 'location'
  | 'businessUnit'
>;

/** The Bloomflow columns of a SCIM User, read straight from the customer setup guide's table. */
export function expectedColumns(resource: ScimResource): MappedColumns {
  const name = objectAt(resource, 'name');
  return {
    userName: stringAt(resource, 'userName') ?? '',
    email: workValue(resource, 'emails', 'value') ?? '',
    firstName: stringAt(name, 'givenName') ?? '',
    lastName: stringAt(name, 'familyName') ?? '',
    externalId: stringAt(resource, 'externalId') ?? null,
    suspended: resource.active === false,
    phone: workValue(resource, 'phoneNumbers', 'value') ?? null,
    job: stringAt(resource, 'title') ?? null,
    location: workValue(resource, 'addresses', 'locality') ?? null,
    businessUnit: stringAt(objectAt(resource, ENTERPRISE_SCHEMA), 'department') ?? null,
  };
}

export function mappedColumnsOf(user: UserEntity): MappedColumns {
  const { userName, email, firstName, lastName, externalId, suspended, phone, job, location, businessUnit } =
    user;
  return { userName, email, firstName, lastName, externalId, suspended, phone, job, location, businessUnit };
}

/** A user as Entra creates it, with every attribute of the guide's mapping and a few unmapped ones. */
export function richUser(overrides: JsonObject = {}): JsonObject {
  const id = randomUUID();
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    userName: `Test_User_${id}@testuser.com`,
    externalId: randomUUID(),
    active: true,
    displayName: 'Élodie Durand',
    name: { formatted: 'Élodie Durand', givenName: 'Élodie', familyName: 'Durand' },
    emails: [{ primary: true, type: 'work', value: `Test_User_${id}@testuser.com` }],
    phoneNumbers: [{ type: 'work', value: '+33 6 12 34 56 78' }],
    addresses: [{ type: 'work', locality: 'Lyon', country: 'FR' }],
    title: 'Head of Open Innovation',
    roles: [{ value: 'Reader', display: 'Reader', primary: true }],
    [ENTERPRISE_SCHEMA]: { department: 'Research & Development', employeeNumber: '4711' },
    ...overrides,
  };
}

/** The work element carrying `key` (else the first work element), as the guide maps it. */
function workValue(resource: ScimResource, attribute: string, key: string): string | undefined {
  const work = arrayAt(resource, attribute).filter(
    (element) => typeof element.type === 'string' && element.type.toLowerCase() === 'work',
  );
  const holding = work.find((element) => typeof element[key] === 'string') ?? work[0];
  return stringAt(holding, key);
}

function arrayAt(resource: ScimResource, key: string): JsonObject[] {
  const value = resource[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function objectAt(resource: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = resource?.[key];
  return isObject(value) ? value : undefined;
}

function stringAt(resource: JsonObject | undefined, key: string): string | undefined {
  const value = resource?.[key];
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
