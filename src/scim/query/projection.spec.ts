import { ScimError } from '../errors/scim-error';
import { userResourceSchema } from '../schema/resource-schema';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/schema-urns';
import { JsonObject, ScimResource } from '../scim-resource';
import { DEFAULT_PROJECTION, parseProjection, project, Projection } from './projection';

/** RFC 7644 §3.9 `attributes` / `excludedAttributes`, applied to a user as GET /Users/{id} returns it. */

const ID = '2819c223-7f76-453a-919d-413861904646';
const META: JsonObject = {
  resourceType: 'User',
  created: '2025-01-02T03:04:05.678Z',
  lastModified: '2025-02-03T04:05:06.789Z',
  location: `https://api.acme.bloomflow.com/api/public/scim/Users/${ID}`,
  version: 'W/"3"',
};
const NAME: JsonObject = { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen' };
const EMAILS: JsonObject[] = [
  { type: 'work', value: 'bjensen@example.com', primary: true },
  { type: 'home', value: 'babs@jensen.org' },
  { type: 'other', display: 'no value here' },
];
const ENTERPRISE: JsonObject = {
  department: 'Tour Operations',
  employeeNumber: '701984',
  manager: { value: 'boss' },
};

const USER: ScimResource = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  id: ID,
  externalId: 'bjensen',
  userName: 'bjensen@example.com',
  name: NAME,
  active: true,
  title: 'Tour Guide',
  emails: EMAILS,
  phoneNumbers: [{ type: 'work', value: '555-555-8377' }],
  [ENTERPRISE_USER_SCHEMA]: ENTERPRISE,
  meta: META,
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('parseProjection', () => {
  interface ParseCase {
    readonly name: string;
    readonly attributes: string | undefined;
    readonly excluded: string | undefined;
    readonly expected: Projection;
  }

  const cases: readonly ParseCase[] = [
    {
      name: 'should default without parameters',
      attributes: undefined,
      excluded: undefined,
      expected: DEFAULT_PROJECTION,
    },
    {
      name: 'should default with empty parameters',
      attributes: '',
      excluded: ' , ',
      expected: { kind: 'default' },
    },
    {
      name: 'should split and trim a comma-separated attributes list',
      attributes: ' userName , name.givenName,,emails ',
      excluded: undefined,
      expected: { kind: 'only', paths: ['userName', 'name.givenName', 'emails'] },
    },
    {
      name: 'should read excludedAttributes',
      attributes: '',
      excluded: 'emails,phoneNumbers',
      expected: { kind: 'except', paths: ['emails', 'phoneNumbers'] },
    },
  ];

  it.each(cases)('$name', ({ attributes, excluded, expected }) => {
    expect(parseProjection(attributes, excluded)).toEqual(expected);
  });

  it('should refuse attributes and excludedAttributes together with 400 invalidValue', () => {
    const error = thrown(() => parseProjection('userName', 'emails'));

    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
      detail: 'Send either "attributes" or "excludedAttributes", not both.',
    });
  });
});

describe('project', () => {
  interface ProjectionCase {
    readonly name: string;
    readonly attributes?: string;
    readonly excluded?: string;
    readonly expected: ScimResource;
  }

  const ALWAYS = { schemas: USER['schemas'], id: ID };
  const { [ENTERPRISE_USER_SCHEMA]: _enterprise, ...withoutEnterprise } = USER;

  const cases: readonly ProjectionCase[] = [
    {
      name: 'should keep schemas, id and userName only for attributes=userName',
      attributes: 'userName',
      expected: { ...ALWAYS, userName: 'bjensen@example.com' },
    },
    {
      name: 'should read attribute names case-insensitively (RFC 7643 §2.1)',
      attributes: 'USERNAME,Title',
      expected: { ...ALWAYS, userName: 'bjensen@example.com', title: 'Tour Guide' },
    },
    {
      name: 'should keep one sub-attribute of a complex attribute',
      attributes: 'name.givenName',
      expected: { ...ALWAYS, name: { givenName: 'Barbara' } },
    },
    {
      name: 'should read sub-attribute names case-insensitively',
      attributes: 'NAME.GIVENNAME,name.FamilyName',
      expected: { ...ALWAYS, name: { givenName: 'Barbara', familyName: 'Jensen' } },
    },
    {
      name: 'should keep the whole attribute when it is named beside one of its sub-attributes',
      attributes: 'name.givenName,name',
      expected: { ...ALWAYS, name: NAME },
    },
    {
      name: 'should keep one sub-attribute of every value of a multi-valued attribute, dropping emptied values',
      attributes: 'emails.value',
      expected: { ...ALWAYS, emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }] },
    },
    {
      name: 'should keep a core attribute named with its schema URN (RFC 7644 §3.10)',
      attributes: `${USER_SCHEMA}:userName`,
      expected: { ...ALWAYS, userName: 'bjensen@example.com' },
    },
    {
      name: 'should keep an extension attribute named with its URN',
      attributes: `${ENTERPRISE_USER_SCHEMA}:department`,
      expected: { ...ALWAYS, [ENTERPRISE_USER_SCHEMA]: { department: 'Tour Operations' } },
    },
    {
      name: 'should read an extension URN case-insensitively',
      attributes: `${ENTERPRISE_USER_SCHEMA.toUpperCase()}:DEPARTMENT`,
      expected: { ...ALWAYS, [ENTERPRISE_USER_SCHEMA]: { department: 'Tour Operations' } },
    },
    {
      name: 'should keep the whole extension for its bare URN',
      attributes: ENTERPRISE_USER_SCHEMA,
      expected: { ...ALWAYS, [ENTERPRISE_USER_SCHEMA]: ENTERPRISE },
    },
    {
      name: 'should keep a sub-attribute of an extension attribute',
      attributes: `${ENTERPRISE_USER_SCHEMA}:manager.value`,
      expected: { ...ALWAYS, [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'boss' } } },
    },
    {
      name: 'should keep a sub-attribute of meta',
      attributes: 'meta.version',
      expected: { ...ALWAYS, meta: { version: 'W/"3"' } },
    },
    {
      name: 'should select nothing for unknown names (RFC 7644 §3.9 makes them no error)',
      attributes: 'shoeSize,name.nickname,urn:example:ext:thing,emails.value.deep',
      expected: ALWAYS,
    },
    {
      name: 'should keep schemas and id when only they are asked for',
      attributes: 'id,schemas',
      expected: ALWAYS,
    },
    {
      name: 'should leave out an attribute the user does not have',
      attributes: 'userName,nickName',
      expected: { ...ALWAYS, userName: 'bjensen@example.com' },
    },
    {
      name: 'should remove an excluded attribute and keep the rest',
      excluded: 'emails',
      expected: (({ emails: _emails, ...rest }) => rest)(USER),
    },
    {
      name: 'should remove an excluded attribute named in another case',
      excluded: 'PHONENUMBERS,Title',
      expected: (({ phoneNumbers: _p, title: _t, ...rest }) => rest)(USER),
    },
    {
      name: 'should remove an excluded sub-attribute only',
      excluded: 'name.givenName',
      expected: { ...USER, name: { familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen' } },
    },
    {
      name: 'should remove a sub-attribute from every value, dropping values left empty',
      excluded: 'emails.value,emails.display',
      expected: { ...USER, emails: [{ type: 'work', primary: true }, { type: 'home' }, { type: 'other' }] },
    },
    {
      name: 'should remove an excluded extension attribute',
      excluded: `${ENTERPRISE_USER_SCHEMA}:department`,
      expected: {
        ...USER,
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '701984', manager: { value: 'boss' } },
      },
    },
    {
      name: 'should remove the whole extension for its bare URN',
      excluded: ENTERPRISE_USER_SCHEMA,
      expected: withoutEnterprise,
    },
    {
      name: 'should never remove id nor schemas (returned "always")',
      excluded: 'id,schemas,ID',
      expected: USER,
    },
    {
      name: 'should ignore unknown excluded names',
      excluded: 'shoeSize,name.nickname',
      expected: USER,
    },
  ];

  it.each(cases)('$name', ({ attributes, excluded, expected }) => {
    expect(project(USER, parseProjection(attributes, excluded), userResourceSchema)).toEqual(expected);
  });

  it('should return the resource untouched for the default projection', () => {
    expect(project(USER, DEFAULT_PROJECTION, userResourceSchema)).toBe(USER);
  });

  it('should not write to the resource it projects', () => {
    const before = structuredClone(USER);

    project(USER, parseProjection('name.givenName,emails.value', undefined), userResourceSchema);
    project(USER, parseProjection(undefined, 'name.givenName,emails.value'), userResourceSchema);

    expect(USER).toEqual(before);
  });
});
