import fc from 'fast-check';
import { ScimError } from '../errors/scim-error';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/schema-urns';
import { JsonObject, ScimResource } from '../scim-resource';
import type { UserDraft } from '../../users/user-draft';
import type { UserEntity } from '../../users/user.entity';
import { toScimUser, toUserDraft, userEtag } from './user-mapper';

/**
 * The Bloomflow mapping of the customer setup guide (bloomflow-entra-scim-setup, "Step 3: Mapping
 * Attributes"), in both directions: one table row per mapped attribute, the guide's required
 * attributes, and the round trip a PATCH relies on to write nothing when nothing changed.
 */

const USERS_URL = 'https://api.acme.bloomflow.com/api/public/scim/Users';
const META = { usersUrl: USERS_URL };
const USER_ID = '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e';
const CREATED = new Date('2025-01-02T03:04:05.678Z');
const UPDATED = new Date('2025-02-03T04:05:06.789Z');

/** A coerced SCIM User as Entra creates it, with the guide's mapping applied; `overrides` replace top-level attributes. */
function scimUser(overrides: JsonObject = {}): ScimResource {
  return {
    userName: 'alice@contoso.com',
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    active: true,
    name: { givenName: 'Alice', familyName: 'Martin', formatted: 'Alice Martin' },
    emails: [{ type: 'work', value: 'alice.martin@contoso.com', primary: true }],
    ...overrides,
  };
}

/** The columns `scimUser()` maps to. */
const BASE_COLUMNS: Omit<UserDraft, 'scimProfile'> = {
  userName: 'alice@contoso.com',
  email: 'alice.martin@contoso.com',
  firstName: 'Alice',
  lastName: 'Martin',
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  suspended: false,
  phone: null,
  job: null,
  location: null,
  businessUnit: null,
};

function columnsOf(draft: UserDraft): Omit<UserDraft, 'scimProfile'> {
  const { scimProfile: _profile, ...columns } = draft;
  return columns;
}

function profileOf(draft: UserDraft): JsonObject {
  return JSON.parse(draft.scimProfile) as JsonObject;
}

/** A stored row for a draft, as the users service would have written it. */
function userFrom(draft: UserDraft, overrides: Partial<UserEntity> = {}): UserEntity {
  return {
    id: USER_ID,
    userNameKey: draft.userName.toLowerCase(),
    emailKey: draft.email.toLowerCase(),
    deprovisionedAt: null,
    createdBy: 'provisioning:entra',
    updatedBy: 'provisioning:entra',
    createdAt: CREATED,
    updatedAt: UPDATED,
    version: 3,
    ...draft,
    ...overrides,
  };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('toUserDraft', () => {
  interface MappingCase {
    readonly name: string;
    readonly resource: ScimResource;
    readonly columns: Partial<Omit<UserDraft, 'scimProfile'>>;
  }

  // One row per line of the guide's mapping tables.
  const mappingCases: readonly MappingCase[] = [
    {
      name: 'should map userName to userName, apart from the email',
      resource: scimUser({ userName: 'alice.upn@contoso.onmicrosoft.com' }),
      columns: { userName: 'alice.upn@contoso.onmicrosoft.com' },
    },
    {
      name: 'should map emails[type eq "work"].value to email, ignoring the other emails',
      resource: scimUser({
        emails: [
          { type: 'home', value: 'alice@home.example', primary: true },
          { type: 'work', value: 'a.martin@contoso.com' },
          { type: 'other', value: 'alice@other.example' },
        ],
      }),
      columns: { email: 'a.martin@contoso.com' },
    },
    {
      name: 'should read the work email whatever the case of its type',
      resource: scimUser({ emails: [{ type: 'Work', value: 'alice.w@contoso.com' }] }),
      columns: { email: 'alice.w@contoso.com' },
    },
    {
      name: 'should map name.givenName to firstName and name.familyName to lastName',
      resource: scimUser({ name: { givenName: 'Zoé', familyName: "O'Neil", middleName: 'J' } }),
      columns: { firstName: 'Zoé', lastName: "O'Neil" },
    },
    {
      name: 'should map externalId to externalId',
      resource: scimUser({ externalId: 'c0ffee00-0000-4000-8000-000000000001' }),
      columns: { externalId: 'c0ffee00-0000-4000-8000-000000000001' },
    },
    {
      name: 'should map active true to suspended false',
      resource: scimUser({ active: true }),
      columns: { suspended: false },
    },
    {
      name: 'should map active false to suspended true',
      resource: scimUser({ active: false }),
      columns: { suspended: true },
    },
    {
      name: 'should leave a user without active unsuspended',
      resource: (({ active: _active, ...rest }) => rest)(scimUser()),
      columns: { suspended: false },
    },
    {
      name: 'should map phoneNumbers[type eq "work"].value to phone',
      resource: scimUser({
        phoneNumbers: [
          { type: 'mobile', value: '+33 6 00 00 00 00' },
          { type: 'work', value: '+33 1 23 45 67 89' },
        ],
      }),
      columns: { phone: '+33 1 23 45 67 89' },
    },
    {
      name: 'should leave phone null when there is no work phone number',
      resource: scimUser({ phoneNumbers: [{ type: 'mobile', value: '+33 6 00 00 00 00' }] }),
      columns: { phone: null },
    },
    {
      name: 'should map title to job',
      resource: scimUser({ title: 'Product Manager' }),
      columns: { job: 'Product Manager' },
    },
    {
      name: 'should map addresses[type eq "work"].locality to location',
      resource: scimUser({
        addresses: [
          { type: 'home', locality: 'Lyon' },
          { type: 'work', locality: 'Paris', country: 'FR' },
        ],
      }),
      columns: { location: 'Paris' },
    },
    {
      name: 'should leave location null when there is no work address',
      resource: scimUser({ addresses: [{ type: 'home', locality: 'Lyon' }] }),
      columns: { location: null },
    },
    {
      name: 'should map the enterprise department to businessUnit',
      resource: scimUser({ [ENTERPRISE_USER_SCHEMA]: { department: 'Innovation', employeeNumber: '42' } }),
      columns: { businessUnit: 'Innovation' },
    },
    {
      name: 'should leave businessUnit null when the enterprise extension has no department',
      resource: scimUser({ [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42' } }),
      columns: { businessUnit: null },
    },
    {
      name: 'should trim userName and the work email',
      resource: scimUser({
        userName: '  alice@contoso.com \t',
        emails: [{ type: 'work', value: ' alice.martin@contoso.com  ' }],
      }),
      columns: { userName: 'alice@contoso.com', email: 'alice.martin@contoso.com' },
    },
  ];

  it.each(mappingCases)('$name', ({ resource, columns }) => {
    expect(columnsOf(toUserDraft(resource))).toEqual({ ...BASE_COLUMNS, ...columns });
  });

  it('should map every attribute of the guide at once', () => {
    const draft = toUserDraft({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      ...scimUser({
        active: false,
        title: 'Product Manager',
        phoneNumbers: [{ type: 'work', value: '+33 1 23 45 67 89' }],
        addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
        [ENTERPRISE_USER_SCHEMA]: { department: 'Innovation' },
      }),
    });

    expect(columnsOf(draft)).toEqual({
      userName: 'alice@contoso.com',
      email: 'alice.martin@contoso.com',
      firstName: 'Alice',
      lastName: 'Martin',
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      suspended: true,
      phone: '+33 1 23 45 67 89',
      job: 'Product Manager',
      location: 'Paris',
      businessUnit: 'Innovation',
    });
  });

  interface RequiredCase {
    readonly name: string;
    readonly resource: ScimResource;
    readonly attribute: string;
  }

  const EMAIL = 'emails[type eq "work"].value';
  const requiredCases: readonly RequiredCase[] = [
    {
      name: 'should require userName',
      resource: (({ userName: _u, ...rest }) => rest)(scimUser()),
      attribute: 'userName',
    },
    {
      name: 'should refuse a blank userName',
      resource: scimUser({ userName: '   ' }),
      attribute: 'userName',
    },
    {
      name: 'should require emails',
      resource: (({ emails: _e, ...rest }) => rest)(scimUser()),
      attribute: EMAIL,
    },
    {
      name: 'should require a work email, not any email',
      resource: scimUser({ emails: [{ type: 'home', value: 'alice@home.example', primary: true }] }),
      attribute: EMAIL,
    },
    {
      name: 'should require a value on the work email',
      resource: scimUser({ emails: [{ type: 'work', primary: true }] }),
      attribute: EMAIL,
    },
    {
      name: 'should refuse a blank work email',
      resource: scimUser({ emails: [{ type: 'work', value: ' ' }] }),
      attribute: EMAIL,
    },
    {
      name: 'should require name',
      resource: (({ name: _n, ...rest }) => rest)(scimUser()),
      attribute: 'name.givenName',
    },
    {
      name: 'should require name.givenName',
      resource: scimUser({ name: { familyName: 'Martin' } }),
      attribute: 'name.givenName',
    },
    {
      name: 'should refuse a blank name.givenName',
      resource: scimUser({ name: { givenName: '', familyName: 'Martin' } }),
      attribute: 'name.givenName',
    },
    {
      name: 'should require name.familyName',
      resource: scimUser({ name: { givenName: 'Alice' } }),
      attribute: 'name.familyName',
    },
    {
      name: 'should refuse a blank name.familyName',
      resource: scimUser({ name: { givenName: 'Alice', familyName: '\t' } }),
      attribute: 'name.familyName',
    },
    {
      name: 'should require externalId',
      resource: (({ externalId: _x, ...rest }) => rest)(scimUser()),
      attribute: 'externalId',
    },
    {
      name: 'should refuse a blank externalId',
      resource: scimUser({ externalId: '  ' }),
      attribute: 'externalId',
    },
  ];

  it.each(requiredCases)('$name', ({ resource, attribute }) => {
    const error = thrown(() => toUserDraft(resource));

    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
      detail: `Attribute "${attribute}" is required by Bloomflow.`,
    });
  });

  it('should never store the password in the SCIM profile', () => {
    const draft = toUserDraft(scimUser({ password: 'S3cret!pass' }));

    expect(profileOf(draft)).not.toHaveProperty('password');
    expect(draft.scimProfile).not.toContain('S3cret!pass');
  });

  it.each([
    ['emails', 'value'],
    ['phoneNumbers', 'value'],
    ['addresses', 'locality'],
  ])('should refuse a second work element of %s with a %s: one column holds it', (attribute, key) => {
    const resource = scimUser({
      [attribute]: [
        { type: 'work', [key]: 'first@contoso.com' },
        { type: 'Work', [key]: 'second@contoso.com' },
      ],
    });

    expect(() => toUserDraft(resource)).toThrow(
      new ScimError(
        400,
        'invalidValue',
        `Bloomflow keeps one work value of "${attribute}"; send a single element with type "work".`,
      ),
    );
  });

  it('should store no id and only meta.resourceType, and recompute schemas from the attributes', () => {
    const draft = toUserDraft({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      id: USER_ID,
      meta: { resourceType: 'User', version: 'W/"9"' },
      ...scimUser(),
    });

    const profile = profileOf(draft);
    expect(profile).not.toHaveProperty('id');
    expect(profile['meta']).toEqual({ resourceType: 'User' });
    expect(profile['schemas']).toEqual([USER_SCHEMA]);
  });

  it('should store the profile as canonical JSON: sorted keys, columns laid over, active explicit', () => {
    const draft = toUserDraft({
      userName: ' a@x.example ',
      name: { givenName: 'A', familyName: 'B' },
      externalId: 'e',
      emails: [{ value: ' a@x.example', type: 'work' }],
    });

    expect(draft.scimProfile).toBe(
      '{"active":true,"emails":[{"type":"work","value":"a@x.example"}],"externalId":"e",' +
        '"meta":{"resourceType":"User"},"name":{"familyName":"B","givenName":"A"},"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],' +
        '"userName":"a@x.example"}',
    );
  });

  it('should keep the attributes Bloomflow does not map in the profile', () => {
    const draft = toUserDraft(
      scimUser({
        displayName: 'Alice M.',
        emails: [
          { type: 'work', value: 'alice.martin@contoso.com' },
          { type: 'home', value: 'alice@home.example' },
        ],
        roles: [{ value: 'admin' }],
        [ENTERPRISE_USER_SCHEMA]: { department: 'R&D', manager: { value: 'bob' } },
      }),
    );

    expect(profileOf(draft)).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'alice@contoso.com',
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      active: true,
      displayName: 'Alice M.',
      name: { givenName: 'Alice', familyName: 'Martin', formatted: 'Alice Martin' },
      emails: [
        { type: 'work', value: 'alice.martin@contoso.com' },
        { type: 'home', value: 'alice@home.example' },
      ],
      roles: [{ value: 'admin' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D', manager: { value: 'bob' } },
      meta: { resourceType: 'User' },
    });
  });

  it('should serialise the same user to the same profile whatever the order of its keys', () => {
    const forwards = toUserDraft(scimUser({ title: 'CTO' }));
    const backwards = toUserDraft(Object.fromEntries(Object.entries(scimUser({ title: 'CTO' })).reverse()));

    expect(backwards.scimProfile).toBe(forwards.scimProfile);
  });
});

describe('toScimUser', () => {
  const ENTRA_USER = scimUser({
    displayName: 'Alice M.',
    title: 'Product Manager',
    emails: [
      { type: 'work', value: 'alice.martin@contoso.com', primary: true },
      { type: 'home', value: 'alice@home.example' },
    ],
    phoneNumbers: [
      { type: 'work', value: '+33 1 23 45 67 89' },
      { type: 'mobile', value: '+33 6 00 00 00 00' },
    ],
    addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
    [ENTERPRISE_USER_SCHEMA]: { department: 'Innovation', employeeNumber: '42' },
  });
  const draft = toUserDraft(ENTRA_USER);

  it('should return what the client wrote, with id, schemas and meta', () => {
    expect(toScimUser(userFrom(draft), META)).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      id: USER_ID,
      ...ENTRA_USER,
      meta: {
        resourceType: 'User',
        created: '2025-01-02T03:04:05.678Z',
        lastModified: '2025-02-03T04:05:06.789Z',
        location: `${USERS_URL}/${USER_ID}`,
        version: 'W/"3"',
      },
    });
  });

  it('should tag the version as a weak ETag', () => {
    expect(toScimUser(userFrom(draft, { version: 17 }), META)['meta']).toMatchObject({ version: 'W/"17"' });
    expect(userEtag({ version: 1 })).toBe('W/"1"');
  });

  interface OverlayCase {
    readonly name: string;
    readonly columns: Partial<UserEntity>;
    readonly expected: JsonObject;
  }

  // An admin may change a column in Bloomflow after Entra wrote the profile: the column wins.
  const overlayCases: readonly OverlayCase[] = [
    {
      name: 'should show an admin-changed userName',
      columns: { userName: 'alice.new@contoso.com' },
      expected: { userName: 'alice.new@contoso.com' },
    },
    {
      name: 'should show an admin-changed email on the work element only',
      columns: { email: 'alice.new@contoso.com' },
      expected: {
        emails: [
          { type: 'work', value: 'alice.new@contoso.com', primary: true },
          { type: 'home', value: 'alice@home.example' },
        ],
      },
    },
    {
      name: 'should show an admin-changed firstName and lastName, keeping the other name parts',
      columns: { firstName: 'Alicia', lastName: 'Durand' },
      expected: { name: { givenName: 'Alicia', familyName: 'Durand', formatted: 'Alice Martin' } },
    },
    {
      name: 'should show an admin-changed externalId',
      columns: { externalId: 'ffffffff-0000-4000-8000-000000000000' },
      expected: { externalId: 'ffffffff-0000-4000-8000-000000000000' },
    },
    {
      name: 'should show a suspended user as inactive',
      columns: { suspended: true },
      expected: { active: false },
    },
    {
      name: 'should show an admin-changed phone on the work number only',
      columns: { phone: '+33 9 99 99 99 99' },
      expected: {
        phoneNumbers: [
          { type: 'work', value: '+33 9 99 99 99 99' },
          { type: 'mobile', value: '+33 6 00 00 00 00' },
        ],
      },
    },
    {
      name: 'should show an admin-changed job as title',
      columns: { job: 'Head of Product' },
      expected: { title: 'Head of Product' },
    },
    {
      name: 'should show an admin-changed location on the work address',
      columns: { location: 'Nantes' },
      expected: { addresses: [{ type: 'work', locality: 'Nantes', country: 'FR' }] },
    },
    {
      name: 'should show an admin-changed businessUnit as the enterprise department',
      columns: { businessUnit: 'Sales' },
      expected: { [ENTERPRISE_USER_SCHEMA]: { department: 'Sales', employeeNumber: '42' } },
    },
  ];

  it.each(overlayCases)('$name', ({ columns, expected }) => {
    const resource = toScimUser(userFrom(draft, columns), META);

    expect(resource).toEqual({ ...toScimUser(userFrom(draft), META), ...expected });
  });

  interface RemovalCase {
    readonly name: string;
    readonly written: ScimResource;
    readonly columns: Partial<UserEntity>;
    /** Top-level attributes expected, `undefined` for absent. */
    readonly expected: Readonly<Record<string, unknown>>;
  }

  const removalCases: readonly RemovalCase[] = [
    {
      name: 'should drop the work phone number, keeping the others, when phone is null',
      written: ENTRA_USER,
      columns: { phone: null },
      expected: { phoneNumbers: [{ type: 'mobile', value: '+33 6 00 00 00 00' }] },
    },
    {
      name: 'should drop phoneNumbers when phone is null and only the work number was there',
      written: scimUser({ phoneNumbers: [{ type: 'work', value: '+33 1 23 45 67 89', primary: true }] }),
      columns: { phone: null },
      expected: { phoneNumbers: undefined },
    },
    {
      name: 'should drop title when job is null',
      written: ENTRA_USER,
      columns: { job: null },
      expected: { title: undefined },
    },
    {
      name: 'should drop the locality but keep the rest of the work address when location is null',
      written: ENTRA_USER,
      columns: { location: null },
      expected: { addresses: [{ type: 'work', country: 'FR' }] },
    },
    {
      name: 'should drop addresses when location is null and the work address held only it',
      written: scimUser({ addresses: [{ type: 'work', locality: 'Paris' }] }),
      columns: { location: null },
      expected: { addresses: undefined },
    },
    {
      name: 'should drop the department but keep the extension when businessUnit is null',
      written: ENTRA_USER,
      columns: { businessUnit: null },
      expected: {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42' },
      },
    },
    {
      name: 'should drop the extension and its schema when businessUnit is null and it held only it',
      written: scimUser({ [ENTERPRISE_USER_SCHEMA]: { department: 'Innovation' } }),
      columns: { businessUnit: null },
      expected: { schemas: [USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: undefined },
    },
    {
      name: 'should drop externalId when it is null',
      written: ENTRA_USER,
      columns: { externalId: null },
      expected: { externalId: undefined },
    },
  ];

  it.each(removalCases)('$name', ({ written, columns, expected }) => {
    const resource = toScimUser(userFrom(toUserDraft(written), columns), META);

    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(resource).not.toHaveProperty([key]);
      else expect(resource[key]).toEqual(value);
    }
  });

  it('should add the work elements and the extension an admin filled in', () => {
    const resource = toScimUser(
      userFrom(toUserDraft(scimUser()), { phone: '+1 555 0100', location: 'Boston', businessUnit: 'Ops' }),
      META,
    );

    expect(resource['phoneNumbers']).toEqual([{ type: 'work', value: '+1 555 0100' }]);
    expect(resource['addresses']).toEqual([{ type: 'work', locality: 'Boston' }]);
    expect(resource[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Ops' });
    expect(resource['schemas']).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it('should list the schemas from the attributes, not from the stored list', () => {
    const user = userFrom(toUserDraft(scimUser()), {
      scimProfile: JSON.stringify({ ...scimUser(), schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] }),
    });

    expect(toScimUser(user, META)['schemas']).toEqual([USER_SCHEMA]);
  });

  it('should build a user added by hand in Bloomflow from its columns alone', () => {
    const user = userFrom(toUserDraft(scimUser()), {
      scimProfile: '{}',
      externalId: null,
      suspended: true,
      job: 'Buyer',
      version: 1,
    });

    expect(toScimUser(user, META)).toEqual({
      schemas: [USER_SCHEMA],
      id: USER_ID,
      userName: 'alice@contoso.com',
      name: { givenName: 'Alice', familyName: 'Martin' },
      active: false,
      emails: [{ type: 'work', value: 'alice.martin@contoso.com' }],
      title: 'Buyer',
      meta: {
        resourceType: 'User',
        created: '2025-01-02T03:04:05.678Z',
        lastModified: '2025-02-03T04:05:06.789Z',
        location: `${USERS_URL}/${USER_ID}`,
        version: 'W/"1"',
      },
    });
  });
});

describe('toUserDraft ∘ toScimUser', () => {
  /*
   * Regression: an otherwise empty first work element must not hide the next work element's
   * value from the column, or a PATCH that changes nothing would write a new version.
   */
  it('should give back the same draft when an empty work element precedes another work element', () => {
    const draft = toUserDraft(
      scimUser({
        phoneNumbers: [
          { type: 'work', primary: true },
          { type: 'work', value: '+33 1 23 45 67 89' },
          { type: 'mobile', value: '+33 6 00 00 00 00' },
        ],
      }),
    );

    expect(toUserDraft(toScimUser(userFrom(draft), META))).toEqual(draft);
  });

  const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .'-]{0,10}$/);
  const padded = fc
    .tuple(fc.constantFrom('', ' ', '  '), text, fc.constantFrom('', ' ', '\t'))
    .map(([before, core, after]) => `${before}${core}${after}`);
  const anyType = fc.constantFrom('work', 'Work', 'WORK', 'home', 'other', 'mobile');
  const otherType = fc.constantFrom('home', 'other');

  const otherEmail = fc.record(
    { value: fc.emailAddress(), type: otherType, primary: fc.boolean() },
    { requiredKeys: ['value'] },
  );
  const workEmail = fc.record(
    { value: padded, type: fc.constantFrom('work', 'Work'), primary: fc.boolean() },
    { requiredKeys: ['value', 'type'] },
  );

  /** Bloomflow refuses a second work element carrying the mapped value (tested above). */
  const oneWorkValue =
    (key: string) =>
    (elements: readonly JsonObject[]): boolean =>
      elements.filter(
        (element) =>
          typeof element['type'] === 'string' &&
          element['type'].toLowerCase() === 'work' &&
          typeof element[key] === 'string',
      ).length <= 1;

  const phone = fc.record(
    { value: fc.stringMatching(/^\+?[0-9 ]{3,12}$/), type: anyType, primary: fc.boolean(), display: text },
    { requiredKeys: [] },
  );
  const address = fc.record(
    { locality: text, type: anyType, country: fc.constantFrom('FR', 'US'), primary: fc.boolean() },
    { requiredKeys: [] },
  );
  const enterprise = fc.record(
    { department: text, employeeNumber: text, manager: fc.record({ value: text }) },
    { requiredKeys: [] },
  );

  const userArbitrary: fc.Arbitrary<ScimResource> = fc
    .record(
      {
        userName: padded,
        externalId: text,
        active: fc.boolean(),
        password: text,
        name: fc.record(
          { givenName: text, familyName: text, middleName: text, formatted: text },
          { requiredKeys: ['givenName', 'familyName'] },
        ),
        emails: fc
          .tuple(fc.array(otherEmail, { maxLength: 2 }), workEmail, fc.array(otherEmail, { maxLength: 2 }))
          .map(([before, work, after]) => [...before, work, ...after]),
        displayName: text,
        title: text,
        phoneNumbers: fc.array(phone, { minLength: 1, maxLength: 3 }).filter(oneWorkValue('value')),
        addresses: fc.array(address, { minLength: 1, maxLength: 2 }).filter(oneWorkValue('locality')),
        roles: fc.array(fc.record({ value: text }), { minLength: 1, maxLength: 2 }),
        enterprise,
      },
      { requiredKeys: ['userName', 'externalId', 'name', 'emails'] },
    )
    .map(({ enterprise: extension, ...core }) =>
      extension === undefined ? core : { ...core, [ENTERPRISE_USER_SCHEMA]: extension },
    );

  it('should give back the very draft it was built from, for any user', () => {
    fc.assert(
      fc.property(userArbitrary, (resource) => {
        const draft = toUserDraft(resource);

        expect(toUserDraft(toScimUser(userFrom(draft), META))).toEqual(draft);
      }),
      { numRuns: 300 },
    );
  });

  it('should never store nor return the password, for any user', () => {
    fc.assert(
      fc.property(userArbitrary, (resource) => {
        const draft = toUserDraft({ ...resource, password: 'Pa55word-never-kept' });

        expect(draft.scimProfile).not.toContain('Pa55word-never-kept');
        expect(toScimUser(userFrom(draft), META)).not.toHaveProperty('password');
      }),
      { numRuns: 100 },
    );
  });
});
