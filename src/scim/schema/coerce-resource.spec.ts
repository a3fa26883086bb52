import { ScimError } from '../errors/scim-error';
import { JsonObject } from '../scim-resource';
import { entraExamples } from '../users/entra-examples';
import { coerceResource } from './coerce-resource';
import { userResourceSchema } from './resource-schema';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './schema-urns';

/**
 * A client's POST/PUT body read into the stored shape: schema spelling of names, typed values,
 * nothing read-only, unknown or write-only (RFC 7644 §3.3, §3.5.1; RFC 7643 §2.1, §4.1.1).
 */

const SCHEMAS = [USER_SCHEMA];

function coerce(body: Record<string, unknown>): JsonObject {
  return coerceResource({ schemas: SCHEMAS, ...body }, userResourceSchema);
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('coerceResource', () => {
  it("should read Entra's create request into the stored shape", () => {
    expect(coerceResource(structuredClone(entraExamples.createUser), userResourceSchema)).toEqual({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com',
      active: true,
      emails: [
        { primary: true, type: 'work', value: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com' },
      ],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      title: 'Product Manager',
      phoneNumbers: [{ type: 'work', value: '+33 1 23 45 67 89' }],
      addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Innovation' },
    });
  });

  interface CoercionCase {
    readonly name: string;
    readonly body: Record<string, unknown>;
    readonly expected: JsonObject;
  }

  const coercions: readonly CoercionCase[] = [
    {
      name: 'should spell attribute names as the schema does, whatever their case (RFC 7643 §2.1)',
      body: { USERNAME: 'alice', ExternalID: 'x-1', displayname: 'Alice', TITLE: 'CTO' },
      expected: { userName: 'alice', externalId: 'x-1', displayName: 'Alice', title: 'CTO' },
    },
    {
      name: 'should spell sub-attribute names as the schema does',
      body: { Name: { GIVENNAME: 'Alice', familyname: 'Martin' } },
      expected: { name: { givenName: 'Alice', familyName: 'Martin' } },
    },
    {
      name: 'should spell the sub-attributes of every value of a multi-valued attribute',
      body: { Emails: [{ VALUE: 'a@contoso.com', Type: 'work', PRIMARY: true }] },
      expected: { emails: [{ value: 'a@contoso.com', type: 'work', primary: true }] },
    },
    {
      name: 'should read "True" as true',
      body: { active: 'True' },
      expected: { active: true },
    },
    {
      name: 'should read "False" as false',
      body: { active: 'False' },
      expected: { active: false },
    },
    {
      name: 'should read string booleans in any case',
      body: { active: 'FALSE', emails: [{ value: 'a@contoso.com', primary: 'true' }] },
      expected: { active: false, emails: [{ value: 'a@contoso.com', primary: true }] },
    },
    {
      name: 'should keep real booleans',
      body: { active: false },
      expected: { active: false },
    },
    {
      name: 'should drop id, meta and groups, which are read-only (RFC 7644 §3.5.1)',
      body: {
        userName: 'alice',
        id: 'client-chosen-id',
        meta: { resourceType: 'User', version: 'W/"9"' },
        groups: [{ value: 'g1', display: 'Admins' }],
      },
      expected: { userName: 'alice' },
    },
    {
      name: 'should drop the password, which is never stored (RFC 7643 §4.1.1)',
      body: { userName: 'alice', PassWord: 'S3cret!pass' },
      expected: { userName: 'alice' },
    },
    {
      name: 'should drop attributes this server does not know',
      body: { userName: 'alice', shoeSize: 44, name: { givenName: 'Alice', petName: 'Al' } },
      expected: { userName: 'alice', name: { givenName: 'Alice' } },
    },
    {
      name: 'should drop schemas, which the mapper derives from the attributes',
      body: { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], userName: 'alice' },
      expected: { userName: 'alice' },
    },
    {
      name: 'should drop empty values: null, "", [] and {}',
      body: { userName: 'alice', title: '', nickName: null, roles: [], name: {}, emails: [null, {}] },
      expected: { userName: 'alice' },
    },
    {
      name: 'should drop empty sub-attributes and keep the rest',
      body: { emails: [{ value: 'a@contoso.com', display: '', type: null }] },
      expected: { emails: [{ value: 'a@contoso.com' }] },
    },
    {
      name: 'should coerce the enterprise extension object',
      body: {
        [ENTERPRISE_USER_SCHEMA]: {
          Department: 'Innovation',
          EMPLOYEENUMBER: '701984',
          manager: { Value: 'boss-id', displayName: 'read-only name' },
          shoeSize: 44,
        },
      },
      expected: {
        [ENTERPRISE_USER_SCHEMA]: {
          department: 'Innovation',
          employeeNumber: '701984',
          manager: { value: 'boss-id' },
        },
      },
    },
    {
      name: 'should read the extension URN case-insensitively and store it canonically',
      body: { [ENTERPRISE_USER_SCHEMA.toUpperCase()]: { department: 'Innovation' } },
      expected: { [ENTERPRISE_USER_SCHEMA]: { department: 'Innovation' } },
    },
    {
      name: 'should drop an extension left empty',
      body: { userName: 'alice', [ENTERPRISE_USER_SCHEMA]: { department: '' } },
      expected: { userName: 'alice' },
    },
    {
      name: 'should drop a null extension',
      body: { userName: 'alice', [ENTERPRISE_USER_SCHEMA]: null },
      expected: { userName: 'alice' },
    },
    {
      name: 'should drop an unknown extension URN',
      body: { userName: 'alice', 'urn:example:params:scim:schemas:extension:acme:2.0:User': { badge: '7' } },
      expected: { userName: 'alice' },
    },
  ];

  it.each(coercions)('$name', ({ body, expected }) => {
    expect(coerce(body)).toEqual(expected);
  });

  it('should accept the core schema URN in any case', () => {
    expect(
      coerceResource({ schemas: [USER_SCHEMA.toUpperCase()], userName: 'alice' }, userResourceSchema),
    ).toEqual({
      userName: 'alice',
    });
  });

  it('should drop a __proto__ member without touching any prototype', () => {
    const body: unknown = JSON.parse(
      `{"schemas":["${USER_SCHEMA}"],"userName":"alice","__proto__":{"polluted":true},` +
        `"name":{"__proto__":{"polluted":true},"givenName":"Alice"}}`,
    );

    const result = coerceResource(body, userResourceSchema);

    expect(result).toEqual({ userName: 'alice', name: { givenName: 'Alice' } });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('should not write to the body it reads', () => {
    const body = structuredClone(entraExamples.createUser);
    const before = structuredClone(body);

    coerceResource(body, userResourceSchema);

    expect(body).toEqual(before);
  });

  interface RefusalCase {
    readonly name: string;
    readonly body: unknown;
    readonly scimType: 'invalidValue' | 'invalidSyntax';
    readonly detail: string;
  }

  const CORE_MISSING = `"schemas" must contain "${USER_SCHEMA}".`;
  const refusals: readonly RefusalCase[] = [
    {
      name: 'should refuse a body that is not an object',
      body: '{"userName":"alice"}',
      scimType: 'invalidSyntax',
      detail: 'The request body must be a JSON object.',
    },
    {
      name: 'should refuse a null body',
      body: null,
      scimType: 'invalidSyntax',
      detail: 'The request body must be a JSON object.',
    },
    {
      name: 'should refuse an array body',
      body: [{ schemas: SCHEMAS }],
      scimType: 'invalidSyntax',
      detail: 'The request body must be a JSON object.',
    },
    {
      name: 'should refuse a body without schemas',
      body: { userName: 'alice' },
      scimType: 'invalidSyntax',
      detail: CORE_MISSING,
    },
    {
      name: 'should refuse schemas that are not an array',
      body: { schemas: USER_SCHEMA, userName: 'alice' },
      scimType: 'invalidSyntax',
      detail: CORE_MISSING,
    },
    {
      name: 'should refuse schemas without the core User URN',
      body: { schemas: [ENTERPRISE_USER_SCHEMA], userName: 'alice' },
      scimType: 'invalidSyntax',
      detail: CORE_MISSING,
    },
    {
      name: 'should refuse a number where a string is expected',
      body: { schemas: SCHEMAS, userName: 42 },
      scimType: 'invalidValue',
      detail: 'Attribute "userName" must be a string.',
    },
    {
      name: 'should refuse a boolean that is not one',
      body: { schemas: SCHEMAS, active: 'yes' },
      scimType: 'invalidValue',
      detail: 'Attribute "active" must be a boolean.',
    },
    {
      name: 'should refuse a number as a boolean',
      body: { schemas: SCHEMAS, active: 1 },
      scimType: 'invalidValue',
      detail: 'Attribute "active" must be a boolean.',
    },
    {
      name: 'should refuse a single value for a multi-valued attribute',
      body: { schemas: SCHEMAS, emails: { value: 'a@contoso.com' } },
      scimType: 'invalidValue',
      detail: 'Attribute "emails" must be an array.',
    },
    {
      name: 'should refuse a string for a complex attribute',
      body: { schemas: SCHEMAS, name: 'Alice Martin' },
      scimType: 'invalidValue',
      detail: 'Attribute "name" must be an object.',
    },
    {
      name: 'should refuse a string as a value of a complex multi-valued attribute, naming its index',
      body: { schemas: SCHEMAS, emails: [{ value: 'a@contoso.com' }, 'b@contoso.com'] },
      scimType: 'invalidValue',
      detail: 'Attribute "emails[1]" must be an object.',
    },
    {
      name: 'should name the path to a wrong sub-attribute',
      body: { schemas: SCHEMAS, emails: [{ value: 'a@contoso.com', primary: 'maybe' }] },
      scimType: 'invalidValue',
      detail: 'Attribute "emails[0].primary" must be a boolean.',
    },
    {
      name: 'should name the path to a wrong sub-attribute of a complex attribute',
      body: { schemas: SCHEMAS, name: { givenName: ['Alice'] } },
      scimType: 'invalidValue',
      detail: 'Attribute "name.givenName" must be a string.',
    },
    {
      name: 'should refuse an extension that is not an object',
      body: { schemas: SCHEMAS, [ENTERPRISE_USER_SCHEMA]: 'Innovation' },
      scimType: 'invalidValue',
      detail: `"${ENTERPRISE_USER_SCHEMA}" must be an object of attributes.`,
    },
    {
      name: 'should name the URN-qualified path of a wrong extension attribute',
      body: { schemas: SCHEMAS, [ENTERPRISE_USER_SCHEMA]: { department: 7 } },
      scimType: 'invalidValue',
      detail: `Attribute "${ENTERPRISE_USER_SCHEMA}:department" must be a string.`,
    },
    {
      name: 'should name the path of a wrong sub-attribute of an extension attribute',
      body: { schemas: SCHEMAS, [ENTERPRISE_USER_SCHEMA]: { manager: { value: false } } },
      scimType: 'invalidValue',
      detail: `Attribute "${ENTERPRISE_USER_SCHEMA}:manager.value" must be a string.`,
    },
  ];

  it.each(refusals)('$name', ({ body, scimType, detail }) => {
    const error = thrown(() => coerceResource(body, userResourceSchema));

    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType, detail });
  });
});
