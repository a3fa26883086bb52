import { ScimError } from '../errors/scim-error';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/schema-urns';
import { JsonObject, JsonValue, ScimResource, isJsonObject, parseJsonObject } from '../scim-resource';
import { UserDraft } from '../../users/user-draft';
import { UserEntity } from '../../users/user.entity';

/**
 * The Bloomflow mapping of the customer setup guide, in both directions, and the only place
 * that names it:
 *
 * | SCIM                                         | Bloomflow    |
 * |----------------------------------------------|--------------|
 * | userName                                     | (SCIM identity, matched like the email) |
 * | emails[type eq "work"].value                 | email        |
 * | name.givenName                               | firstName    |
 * | name.familyName                              | lastName     |
 * | externalId                                   | externalId   |
 * | active                                       | !suspended   |
 * | phoneNumbers[type eq "work"].value           | phone        |
 * | title                                        | job          |
 * | addresses[type eq "work"].locality           | location     |
 * | enterprise:2.0:User:department               | businessUnit |
 */

const WORK = 'work';

/** The Bloomflow columns of a user, without the stored SCIM profile. */
export type MappedFields = Omit<UserDraft, 'scimProfile'>;

/**
 * Reads the Bloomflow columns out of a SCIM User (coerced, or produced by the PATCH engine);
 * the guide's required ones must be there. The stored profile is the resource without its
 * server-assigned parts, in canonical form, so that mapping a stored user back and forth
 * yields the very same draft and a PATCH that changes nothing writes nothing.
 */
export function toUserDraft(resource: ScimResource): UserDraft {
  // `password` is write-only: accepted, never stored (RFC 7643 §4.1.1 returned "never").
  const { id: _id, meta: _meta, schemas: _schemas, password: _password, ...attributes } = resource;
  const fields: MappedFields = {
    userName: required(stringAt(attributes, 'userName'), 'userName').trim(),
    email: required(workValue(attributes, 'emails', 'value'), 'emails[type eq "work"].value').trim(),
    firstName: required(stringAt(objectAt(attributes, 'name'), 'givenName'), 'name.givenName'),
    lastName: required(stringAt(objectAt(attributes, 'name'), 'familyName'), 'name.familyName'),
    externalId: required(stringAt(attributes, 'externalId'), 'externalId'),
    suspended: attributes.active === false,
    phone: workValue(attributes, 'phoneNumbers', 'value') ?? null,
    job: stringAt(attributes, 'title') ?? null,
    location: workValue(attributes, 'addresses', 'locality') ?? null,
    businessUnit: stringAt(objectAt(attributes, ENTERPRISE_USER_SCHEMA), 'department') ?? null,
  };
  return withScimProfile(fields, attributes);
}

/**
 * A draft from Bloomflow fields edited outside SCIM (the admin panel), with the stored SCIM
 * profile brought in line, so SCIM reads and filters see the edit as the columns do.
 */
export function draftFromFields(fields: MappedFields, storedProfile = '{}'): UserDraft {
  const { schemas: _schemas, meta: _meta, ...profile } = parseJsonObject(storedProfile);
  return withScimProfile(fields, profile);
}

function withScimProfile(fields: MappedFields, attributes: JsonObject): UserDraft {
  const profile = overlayColumns(attributes, fields);
  // `schemas` and `meta.resourceType` are kept with the profile so that filters (RFC 7644
  // §3.4.2.2) read them like any attribute; the rest of `meta` lives in columns.
  const stored = { ...profile, schemas: schemasOf(profile), meta: { resourceType: 'User' } };
  return { ...fields, scimProfile: canonicalJson(stored) };
}

export interface ResourceMeta {
  /** Absolute URL of the Users endpoint, e.g. `https://…/api/public/scim/Users`. */
  readonly usersUrl: string;
}

/**
 * The SCIM User for a stored user: what the client wrote, with the Bloomflow columns laid over
 * it, since an admin may have changed them since.
 */
export function toScimUser(user: UserEntity, { usersUrl }: ResourceMeta): ScimResource {
  const { schemas: _schemas, meta: _meta, ...profile } = parseJsonObject(user.scimProfile);
  const withColumns = overlayColumns(profile, user);
  const { [ENTERPRISE_USER_SCHEMA]: enterprise, ...core } = withColumns;
  return {
    schemas: schemasOf(withColumns),
    id: user.id,
    ...core,
    ...(enterprise === undefined ? {} : { [ENTERPRISE_USER_SCHEMA]: enterprise }),
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location: `${usersUrl}/${user.id}`,
      version: userEtag(user),
    },
  };
}

/** RFC 7643 §3: the core schema, and the enterprise extension when the user has its attributes. */
function schemasOf(attributes: JsonObject): string[] {
  return objectAt(attributes, ENTERPRISE_USER_SCHEMA) === undefined
    ? [USER_SCHEMA]
    : [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];
}

/** RFC 7644 §3.14: a weak entity tag from the row version. */
export function userEtag(user: Pick<UserEntity, 'version'>): string {
  return `W/"${user.version}"`;
}

function overlayColumns(profile: JsonObject, user: MappedFields): JsonObject {
  const name = { ...objectAt(profile, 'name'), givenName: user.firstName, familyName: user.lastName };
  const enterprise = withOptional(
    objectAt(profile, ENTERPRISE_USER_SCHEMA) ?? {},
    'department',
    user.businessUnit,
  );
  const result: JsonObject = {
    ...profile,
    userName: user.userName,
    name,
    active: !user.suspended,
    emails: withWorkValue(profile.emails, 'value', user.email),
  };
  assignOptional(result, 'externalId', user.externalId);
  assignOptional(result, 'title', user.job);
  assignOptional(result, 'phoneNumbers', withWorkValue(profile.phoneNumbers, 'value', user.phone));
  assignOptional(result, 'addresses', withWorkValue(profile.addresses, 'locality', user.location));
  assignOptional(result, ENTERPRISE_USER_SCHEMA, Object.keys(enterprise).length > 0 ? enterprise : null);
  return result;
}

/** The work element of a multi-valued attribute with `key` set to `value` (or removed for null). */
function withWorkValue(
  current: JsonValue | undefined,
  key: string,
  value: string | null,
): JsonObject[] | null {
  const elements = Array.isArray(current) ? current.filter(isJsonObject) : [];
  const index = workIndex(elements, key);
  const work = withOptional(index >= 0 ? elements[index] : { type: WORK }, key, value);
  const keepWork = value !== null || Object.keys(work).some((k) => k !== 'type' && k !== 'primary');
  const others = elements.filter((_, i) => i !== index);
  const result = keepWork
    ? index >= 0
      ? elements.map((e, i) => (i === index ? work : e))
      : [work, ...others]
    : others;
  return result.length > 0 ? result : null;
}

function withOptional(object: JsonObject, key: string, value: string | null): JsonObject {
  const { [key]: _previous, ...rest } = object;
  return value === null ? rest : { ...rest, [key]: value };
}

function assignOptional(target: JsonObject, key: string, value: JsonValue | null): void {
  if (value === null) delete target[key];
  else target[key] = value;
}

function workValue(resource: JsonObject, attribute: string, key: string): string | undefined {
  const elements = resource[attribute];
  if (!Array.isArray(elements)) return undefined;
  const objects = elements.filter(isJsonObject);
  // One Bloomflow column holds the work value, and the indexed filter on it relies on there
  // being one: a second work element would be a value no query on the column could find.
  if (objects.filter((element) => isWork(element) && typeof element[key] === 'string').length > 1) {
    throw ScimError.badRequest(
      'invalidValue',
      `Bloomflow keeps one work value of "${attribute}"; send a single element with type "work".`,
    );
  }
  const index = workIndex(objects, key);
  return index >= 0 ? stringAt(objects[index], key) : undefined;
}

/**
 * The work element that carries `key` (Entra may send a bare `{type: "work", primary: true}`
 * before the one with the value), else the first work element; -1 when there is none. Reading
 * and writing the column both use it, so they always address the same element.
 */
function workIndex(elements: JsonObject[], key: string): number {
  const holding = elements.findIndex((element) => isWork(element) && typeof element[key] === 'string');
  return holding >= 0 ? holding : elements.findIndex(isWork);
}

function isWork(element: JsonObject): boolean {
  return typeof element.type === 'string' && element.type.toLowerCase() === WORK;
}

function required(value: string | undefined, attribute: string): string {
  if (value === undefined || value.trim() === '') {
    throw ScimError.badRequest('invalidValue', `Attribute "${attribute}" is required by Bloomflow.`);
  }
  return value;
}

function stringAt(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

function objectAt(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isJsonObject(value) ? value : undefined;
}

/** JSON with object keys sorted, so equal resources serialise to equal strings. */
function canonicalJson(value: JsonValue): string {
  return JSON.stringify(value, (_key, member: JsonValue) =>
    isJsonObject(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}
