/**
 * Fixtures shared by the patch specs (test-only; not exported from the engine's index). The group
 * schema stands in for the Group resource type until it lands in src/scim/schema.
 */
import { attribute, multiValued } from '../schema/attribute-definition';
import { ResourceSchema } from '../schema/resource-schema';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '../schema/schema-urns';
import { JsonObject, JsonValue, ScimResource } from '../scim-resource';

export { ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA };

/** RFC 7643 §4.2 Group, with `members` as in §8.7.1. */
export const groupResourceSchema: ResourceSchema = {
  name: 'Group',
  endpoint: '/Groups',
  core: {
    id: GROUP_SCHEMA,
    name: 'Group',
    description: 'Group',
    attributes: [
      attribute('displayName', 'string', { required: true }),
      multiValued(
        'members',
        'Members of the group.',
        'string',
        ['User', 'Group'],
        [attribute('$ref', 'reference', { referenceTypes: ['User', 'Group'], mutability: 'immutable' })],
      ),
    ],
  },
  extensions: [],
};

/** A user as Microsoft's SCIM tutorial returns it ("Get User" / "Update User" responses). */
export function tutorialUser(overrides: Readonly<Record<string, JsonValue | undefined>> = {}): ScimResource {
  return withoutUndefined({
    schemas: [USER_SCHEMA],
    id: '6764549bef60420686bc',
    externalId: '6c75de36-30fa-4d2d-a196-6bdcdb6b6539',
    meta: {
      resourceType: 'User',
      created: '2018-03-27T19:59:26.000Z',
      lastModified: '2018-03-27T19:59:26.000Z',
      version: 'W/"1"',
    },
    userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    active: true,
    emails: [
      { value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true },
    ],
    ...overrides,
  });
}

/** An override of `undefined` removes the attribute from the fixture. */
function withoutUndefined(fields: Readonly<Record<string, JsonValue | undefined>>): ScimResource {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined),
  );
}

export function enterpriseUser(enterprise: JsonObject, overrides: JsonObject = {}): ScimResource {
  return tutorialUser({
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    [ENTERPRISE_USER_SCHEMA]: enterprise,
    ...overrides,
  });
}

export function tutorialGroup(members: JsonValue[]): ScimResource {
  return {
    schemas: [GROUP_SCHEMA],
    id: 'a99962b9f99d4c4fac67',
    externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    meta: {
      resourceType: 'Group',
      created: '2018-03-27T19:59:26.000Z',
      lastModified: '2018-03-27T19:59:26.000Z',
    },
    displayName: 'displayName',
    ...(members.length > 0 ? { members } : {}),
  };
}

/** Wraps operations in a PatchOp body, as on the wire. */
export function patchBody(...operations: JsonObject[]): JsonObject {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/** Freezes a JSON value all the way down, so a spec fails loudly if the engine writes to its input. */
export function deepFreeze<T extends JsonValue>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((child) => deepFreeze(child));
    Object.freeze(value);
  }
  return value;
}
