import { createTestApp, TestApp } from '../support/test-app';
import {
  createUser,
  ENTERPRISE_SCHEMA,
  expectScimError,
  resourceIds,
  token,
  USER_SCHEMA,
} from '../support/scim-fixtures';
import {
  byCodePoint,
  fold,
  listUsers,
  patchSetting,
  QueryParams,
  SEARCH_REQUEST_SCHEMA,
  userBody,
  usersUrl,
  walkByCursor,
  walkByIndex,
} from '../support/query-fixtures';

type Json = Record<string, any>;

/**
 * The query options of RFC 7644 §3.4.2 / §3.4.3 and RFC 9865 against the real app, on whichever
 * database TEST_DATABASE_URL selects. Each describe seeds its own users under a random token and
 * scopes every query to them, so no describe sees another's users.
 */
describe('SCIM query options (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('filter: the RFC 7644 §3.4.2.2 examples', () => {
    const tok = token();
    /** Every query is limited to this describe's users; the filter under test sits in parentheses. */
    const scope = `userName sw "${tok}."`;
    const ids: Record<string, string> = {};
    /** The latest meta.lastModified once all are created; `patched` users were modified after it. */
    let pivot: Date;
    const patched = ['ccole', 'gpct'];

    /** `{t}` is the token, `{T}` the token in upper case, `{pivot}`… instants around the pivot. */
    function expand(filter: string): string {
      const plusTwoHours = new Date(pivot.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
      return filter
        .replaceAll('{t}', tok)
        .replaceAll('{T}', tok.toUpperCase())
        .replaceAll('{pivot}', pivot.toISOString())
        .replaceAll('{pivot+02:00}', plusTwoHours)
        .replaceAll('{pivot+1ms}', new Date(pivot.getTime() + 1).toISOString());
    }

    async function query(filter: string) {
      return t.scim({ method: 'GET', url: usersUrl({ filter: expand(filter), count: 200 }) });
    }

    const EXAMPLE_COM = '@example.com';
    /** Eight users spread over the attributes the RFC's examples test. */
    const seed = (): Record<string, Json> => ({
      bjensen: userBody(`${tok}.bjensen${EXAMPLE_COM}`, {
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        title: 'Tour Guide',
        userType: 'Employee',
        emails: [
          { type: 'work', value: `${tok}.bjensen${EXAMPLE_COM}`, primary: true },
          { type: 'home', value: `babs.${tok}@jensen.org` },
        ],
        ims: [{ type: 'xmpp', value: `bjensen.${tok}@foo.com` }],
        [ENTERPRISE_SCHEMA]: { department: `Tour ${tok}` },
      }),
      omalley: userBody(`${tok}.omalley@example.org`, {
        name: { givenName: 'Sean', familyName: "O'Malley" },
        title: 'Sales Lead',
        userType: 'Employee',
        [ENTERPRISE_SCHEMA]: { department: `Sales ${tok}` },
      }),
      ccole: userBody(`${tok}.ccole@contoso.com`, {
        name: { givenName: 'Chris', familyName: 'Cole' },
        userType: 'Contractor',
        ims: [{ type: 'xmpp', value: `ccole.${tok}@bar.com` }],
      }),
      dlee: userBody(`${tok}.dlee@fabrikam.com`, {
        name: { givenName: 'Dana', familyName: 'Lee' },
        title: 'Intern',
        userType: 'Intern',
        emails: [
          { type: 'work', value: `${tok}.dlee@fabrikam.com`, primary: true },
          { type: 'other', value: `dlee.${tok}@example.org` },
        ],
        ims: [{ type: 'gtalk', value: `dlee.${tok}@foo.com` }],
        [ENTERPRISE_SCHEMA]: { department: `Tour ${tok}` },
      }),
      eng: userBody(`${tok}.eng@contoso.com`, {
        name: { givenName: 'Eli', familyName: 'Ng' },
        title: 'Engineer',
        userType: 'Employee',
        active: false,
        [ENTERPRISE_SCHEMA]: { employeeNumber: '42' },
      }),
      fwu: userBody(`${tok}.fwu@fabrikam.com`, {
        name: { givenName: 'Fei', familyName: 'Wu' },
        userType: 'Employee',
        emails: [
          { type: 'work', value: `${tok}.fwu@fabrikam.com`, primary: true },
          { type: 'home', value: `fwu.${tok}${EXAMPLE_COM}` },
        ],
      }),
      // `%`, `_` and `\` are literal characters to co/sw/ew; hdecoy matches if they act as wildcards.
      gpct: userBody(`${tok}.gpct@contoso.com`, {
        name: { givenName: 'Gil', familyName: 'Pct' },
        title: '50% a_b\\c',
        displayName: '50% a_b\\c',
      }),
      hdecoy: userBody(`${tok}.hdecoy@contoso.com`, {
        name: { givenName: 'Hal', familyName: 'Decoy' },
        title: '50 units axb c',
        displayName: '50 units axb c',
        userType: 'Contractor',
        ims: [{ type: 'xmpp', value: `hdecoy.${tok}@foo.com` }],
      }),
    });

    beforeAll(async () => {
      const created = await Promise.all(
        Object.entries(seed()).map(async ([key, body]) => [key, await createUser(t, body)] as const),
      );
      for (const [key, user] of created) ids[key] = user.id;
      pivot = new Date(Math.max(...created.map(([, user]) => Date.parse((user.meta as Json).lastModified))));
      while (Date.now() <= pivot.getTime()) await new Promise((resolve) => setTimeout(resolve, 1));
      for (const key of patched) {
        const response = await t.scim({
          method: 'PATCH',
          url: `Users/${ids[key]}`,
          body: patchSetting('nickName', 'touched'),
        });
        expect(response.status).toBe(200);
      }
    });

    interface FilterCase {
      readonly filter: string;
      readonly expected: readonly string[];
    }

    const cases: readonly FilterCase[] = [
      // RFC 7644 §3.4.2.2's example list, adapted to the users above.
      { filter: 'title pr', expected: ['bjensen', 'omalley', 'dlee', 'eng', 'gpct', 'hdecoy'] },
      { filter: 'title pr and userType eq "Employee"', expected: ['bjensen', 'omalley', 'eng'] },
      {
        filter: 'title pr or userType eq "Contractor"',
        expected: ['bjensen', 'omalley', 'ccole', 'dlee', 'eng', 'gpct', 'hdecoy'],
      },
      {
        filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
        expected: ['bjensen', 'omalley', 'fwu'],
      },
      {
        filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
        expected: ['ccole', 'hdecoy'],
      },
      { filter: 'userType eq "Employee" and (emails.type eq "home")', expected: ['bjensen', 'fwu'] },
      {
        filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
        expected: ['bjensen'],
      },
      {
        filter:
          'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
        expected: ['bjensen', 'hdecoy'],
      },
      { filter: `name.familyName co "O'Malley"`, expected: ['omalley'] },
      { filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "{t}.b"', expected: ['bjensen'] },
      {
        filter: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Tour {t}"',
        expected: ['bjensen', 'dlee'],
      },
      {
        filter: 'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
        expected: ['bjensen', 'omalley', 'dlee', 'eng'],
      },
      { filter: 'meta.lastModified gt "{pivot}"', expected: patched },
      { filter: 'meta.lastModified ge "{pivot+1ms}"', expected: patched },
      {
        filter: 'meta.lastModified lt "{pivot+1ms}"',
        expected: ['bjensen', 'omalley', 'dlee', 'eng', 'fwu', 'hdecoy'],
      },
      {
        filter: 'meta.lastModified le "{pivot}"',
        expected: ['bjensen', 'omalley', 'dlee', 'eng', 'fwu', 'hdecoy'],
      },
      // The same instant written with another offset (RFC 7644 §3.4.2.2: dateTimes compare as instants).
      { filter: 'meta.lastModified gt "{pivot+02:00}"', expected: patched },
      {
        filter: 'meta.created gt "2011-05-13T04:42:34Z"',
        expected: ['bjensen', 'omalley', 'ccole', 'dlee', 'eng', 'fwu', 'gpct', 'hdecoy'],
      },
      { filter: 'meta.created gt "{pivot}"', expected: [] },
      // Operators and attribute names are case-insensitive; so are the values of caseExact=false attributes.
      { filter: 'TITLE PR AND USERTYPE EQ "employee"', expected: ['bjensen', 'omalley', 'eng'] },
      {
        filter:
          'Emails[Type Eq "WORK" And Value Co "@EXAMPLE.COM"] Or IMS[TYPE eq "XMPP" and VALUE co "@FOO.COM"]',
        expected: ['bjensen', 'hdecoy'],
      },
      { filter: `NAME.FAMILYNAME CO "o'malley"`, expected: ['omalley'] },
      {
        filter: 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:DEPARTMENT EQ "TOUR {T}"',
        expected: ['bjensen', 'dlee'],
      },
      {
        filter: 'schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER"',
        expected: ['bjensen', 'omalley', 'dlee', 'eng'],
      },
      { filter: 'META.LASTMODIFIED GT "{pivot}"', expected: patched },
      // `%`, `_` and `\` are plain characters, on a mapped column (title) and in the JSON (displayName).
      { filter: 'title co "50%"', expected: ['gpct'] },
      { filter: 'title sw "50%"', expected: ['gpct'] },
      { filter: 'title co "a_b"', expected: ['gpct'] },
      { filter: 'title co "\\\\"', expected: ['gpct'] },
      { filter: 'title ew "\\\\c"', expected: ['gpct'] },
      { filter: 'displayName co "%"', expected: ['gpct'] },
      { filter: 'displayName co "a_b"', expected: ['gpct'] },
      { filter: 'displayName ew "\\\\c"', expected: ['gpct'] },
      // Precedence (not > and > or), absence, booleans, multi-valued attributes, Entra's value path.
      {
        filter: 'userType eq "Contractor" or title eq "Intern" and userType eq "Employee"',
        expected: ['ccole', 'hdecoy'],
      },
      { filter: 'not (title pr)', expected: ['ccole', 'fwu'] },
      { filter: 'title eq null', expected: ['ccole', 'fwu'] },
      { filter: 'active eq false', expected: ['eng'] },
      { filter: 'ims pr', expected: ['bjensen', 'ccole', 'dlee', 'hdecoy'] },
      { filter: 'emails.type eq "other"', expected: ['dlee'] },
      { filter: 'emails[type eq "work"].value ew "@example.org"', expected: ['omalley'] },
    ];

    it.each(cases)('should return exactly $expected for $filter', async ({ filter, expected }) => {
      const response = await query(`${scope} and (${filter})`);

      expect(response.status).toBe(200);
      expect(resourceIds(response).sort()).toEqual(expected.map((key) => ids[key]).sort());
      expect(response.body.totalResults).toBe(expected.length);
    });

    // id and meta are the server's: every operator applies to them as to any string (RFC 7644 §3.4.2.2).
    it.each([
      { name: 'id sw', filter: (id: string) => `id sw "${id.slice(0, 8)}"` },
      { name: 'id co', filter: (id: string) => `id co "${id.slice(9, 23)}"` },
      { name: 'id ew', filter: (id: string) => `id ew "${id.slice(-12)}"` },
      { name: 'id ge and id le', filter: (id: string) => `id ge "${id}" and id le "${id}"` },
      { name: 'meta.location ew', filter: (id: string) => `meta.location ew "/Users/${id}"` },
    ])('should find a user by $name on its own id', async ({ filter }) => {
      const response = await query(`${scope} and (${filter(ids.bjensen)})`);

      expect(response.status).toBe(200);
      expect(resourceIds(response)).toEqual([ids.bjensen]);
    });

    it.each([
      { filter: 'meta.resourceType eq "User"', expected: 8 },
      { filter: 'meta pr', expected: 8 },
      { filter: 'meta.version eq "W/\\"1\\""', expected: 8 - patched.length },
    ])('should match $expected users with $filter', async ({ filter, expected }) => {
      const response = await query(`${scope} and (${filter})`);

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(expected);
    });

    it('should refuse a second work email, which no query on the work-email column could find', async () => {
      const own = token();
      const response = await t.scim({
        method: 'POST',
        url: 'Users',
        body: userBody(`${own}.twice@example.com`, {
          emails: [
            { type: 'work', value: `${own}.twice@example.com`, primary: true },
            { type: 'work', value: `second.${own}@example.com` },
          ],
        }),
      });

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toBe(
        'Bloomflow keeps one work value of "emails"; send a single element with type "work".',
      );
      expect((await query(`emails.value eq "second.${own}@example.com"`)).body.totalResults).toBe(0);
    });

    it.each([
      { filter: 'userName eq', position: 12 },
      { filter: 'title pr and', position: 13 },
      { filter: '(title pr', position: 10 },
      { filter: 'emails[type eq "work"', position: 22 },
      { filter: 'title pr )', position: 10 },
      { filter: 'userName xx "a"', position: 10 },
      { filter: 'userName eq "abc', position: 13 },
      { filter: '"a" eq userName', position: 1 },
      { filter: 'title eq bogus', position: 10 },
      { filter: 'emails[value co "x" and emails[type eq "w"]]', position: 31 },
    ])('should refuse $filter with 400 invalidFilter at position $position', async ({ filter, position }) => {
      const response = await query(filter);

      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.detail).toContain(`position ${position}`);
    });

    it.each([
      { filter: 'shoeSize eq "42"', named: 'shoeSize' },
      { filter: 'name.nickname eq "x"', named: 'name.nickname' },
      {
        filter: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize eq "x"',
        named: 'shoeSize',
      },
      { filter: 'password eq "secret"', named: 'password' },
      { filter: 'urn:ietf:params:scim:schemas:core:2.0:User:password pr', named: 'password' },
      { filter: 'active eq "true"', named: 'active' },
      { filter: 'meta.created co "2011"', named: 'meta.created' },
    ])('should refuse $filter with 400 invalidFilter naming $named', async ({ filter, named }) => {
      const response = await query(filter);

      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.detail).toContain(named);
    });

    /** A filter of exactly `length` characters, selecting the users with a title. */
    function paddedFilter(length: number): string {
      const head = `${scope} and title ne "`;
      return `${head}${'x'.repeat(length - head.length - 1)}"`;
    }

    const search = (filter: string) =>
      t.scim({ method: 'POST', url: 'Users/.search', body: { schemas: [SEARCH_REQUEST_SCHEMA], filter } });

    it('should accept a filter of exactly 16 KiB', async () => {
      const response = await search(paddedFilter(16 * 1024));

      expect(response.status).toBe(200);
      expect(resourceIds(response).sort()).toEqual(
        ['bjensen', 'omalley', 'dlee', 'eng', 'gpct', 'hdecoy'].map((key) => ids[key]).sort(),
      );
    });

    it.each([
      ['GET /Users', (filter: string) => query(filter)],
      ['POST /Users/.search', search],
    ])('should refuse a filter over 16 KiB on %s with 400 invalidFilter', async (_, send) => {
      const response = await send(paddedFilter(16 * 1024 + 1));

      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.detail).toContain('16384');
    });

    it('should accept 32 nested parentheses', async () => {
      const response = await query(`${scope} and ${'('.repeat(32)}title pr${')'.repeat(32)}`);

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(6);
    });

    it('should refuse 33 nested parentheses with 400 invalidFilter', async () => {
      const response = await query(`${'('.repeat(33)}title pr${')'.repeat(33)}`);

      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.detail).toContain('maximum of 32 levels at position 33');
    });

    it('should refuse a filter of more than 200 expressions with 400 invalidFilter', async () => {
      const response = await query(Array.from({ length: 201 }, () => 'title pr').join(' or '));

      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.detail).toContain('maximum of 200 expressions');
    });
  });

  describe('attributes and excludedAttributes (RFC 7644 §3.9)', () => {
    const tok = token();
    let full: Json;

    const body = (userName: string) =>
      userBody(userName, {
        name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
        title: 'Analyst',
        emails: [
          { type: 'work', value: userName, primary: true },
          { type: 'home', value: `ada.${tok}@home.example` },
        ],
        phoneNumbers: [{ type: 'work', value: '+44 20 7946 0000' }],
        [ENTERPRISE_SCHEMA]: { department: 'Engines', employeeNumber: '1815' },
        password: 'N0t-returned!',
      });

    beforeAll(async () => {
      const created = await createUser(t, body(`${tok}.ada@example.com`));
      full = (await t.scim({ method: 'GET', url: `Users/${created.id}` })).body;
    });

    /** The user as GET returns it without parameters, minus the top-level keys named. */
    const fullWithout = (...keys: string[]): Json =>
      Object.fromEntries(Object.entries(full).filter(([key]) => !keys.includes(key)));
    const always = (): Json => ({ schemas: full.schemas, id: full.id });

    interface ProjectionCase {
      readonly query: string;
      readonly expected: () => Json;
    }

    const cases: readonly ProjectionCase[] = [
      { query: 'attributes=userName', expected: () => ({ ...always(), userName: full.userName }) },
      { query: 'attributes=USERNAME', expected: () => ({ ...always(), userName: full.userName }) },
      {
        query: `attributes=${USER_SCHEMA}:userName`,
        expected: () => ({ ...always(), userName: full.userName }),
      },
      {
        query: 'attributes=name.givenName',
        expected: () => ({ ...always(), name: { givenName: 'Ada' } }),
      },
      {
        query: 'attributes=emails.value',
        expected: () => ({ ...always(), emails: full.emails.map(({ value }: Json) => ({ value })) }),
      },
      {
        query: `attributes=${ENTERPRISE_SCHEMA}:department`,
        expected: () => ({ ...always(), [ENTERPRISE_SCHEMA]: { department: 'Engines' } }),
      },
      {
        query: 'attributes=userName,meta.version',
        expected: () => ({ ...always(), userName: full.userName, meta: { version: full.meta.version } }),
      },
      { query: 'attributes=password', expected: always },
      { query: 'excludedAttributes=id,schemas', expected: () => full },
      { query: 'excludedAttributes=emails,meta', expected: () => fullWithout('emails', 'meta') },
      {
        query: 'excludedAttributes=name.givenName',
        expected: () => ({ ...full, name: { familyName: 'Lovelace', formatted: 'Ada Lovelace' } }),
      },
      { query: `excludedAttributes=${ENTERPRISE_SCHEMA}`, expected: () => fullWithout(ENTERPRISE_SCHEMA) },
    ];

    it('should return the user without its password by default', () => {
      expect(full).toMatchObject({ userName: `${tok}.ada@example.com`, title: 'Analyst' });
      expect(full).not.toHaveProperty('password');
    });

    it.each(cases)('should project GET /Users/{id}?$query', async ({ query, expected }) => {
      const response = await t.scim({ method: 'GET', url: `Users/${full.id}?${query}` });

      expect(response.status).toBe(200);
      expect(response.body).toEqual(expected());
      // RFC 7644 §3.14: the version travels in ETag even when meta is not asked for.
      expect(response.headers.etag).toBe(full.meta.version);
    });

    it.each(cases)('should project every resource of GET /Users?$query', async ({ query, expected }) => {
      const response = await t.scim({
        method: 'GET',
        url: `${usersUrl({ filter: `id eq "${full.id}"` })}&${query}`,
      });

      expect(response.status).toBe(200);
      expect(response.body.Resources).toEqual([expected()]);
    });

    describe('on the responses of POST, PUT and PATCH', () => {
      interface WriteCase {
        readonly method: 'POST' | 'PUT' | 'PATCH';
        readonly status: number;
        readonly send: (query: string) => Promise<Awaited<ReturnType<TestApp['scim']>>>;
      }

      const writes: readonly WriteCase[] = [
        {
          method: 'POST',
          status: 201,
          send: (query) =>
            t.scim({ method: 'POST', url: `Users?${query}`, body: body(`${tok}.${token()}@example.com`) }),
        },
        {
          method: 'PUT',
          status: 200,
          send: async (query) => {
            const user = await createUser(t, body(`${tok}.${token()}@example.com`));
            return t.scim({
              method: 'PUT',
              url: `Users/${user.id}?${query}`,
              body: { ...body(user.userName as string), externalId: user.externalId, title: 'Put' },
            });
          },
        },
        {
          method: 'PATCH',
          status: 200,
          send: async (query) => {
            const user = await createUser(t, body(`${tok}.${token()}@example.com`));
            return t.scim({
              method: 'PATCH',
              url: `Users/${user.id}?${query}`,
              body: patchSetting('title', 'Patched'),
            });
          },
        },
      ];

      it.each(writes)(
        'should return only schemas, id and userName from $method with attributes=userName, and the ETag',
        async ({ send, status }) => {
          const response = await send('attributes=userName');
          const stored = await t.scim({ method: 'GET', url: `Users/${response.body.id}` });

          expect(response.status).toBe(status);
          expect(response.body).toEqual({
            schemas: stored.body.schemas,
            id: stored.body.id,
            userName: stored.body.userName,
          });
          expect(response.headers.etag).toBe(stored.body.meta.version);
        },
      );

      it.each(writes)(
        'should leave out the excluded attributes from $method, keeping id and schemas',
        async ({ send, status }) => {
          const response = await send('excludedAttributes=id,schemas,meta,emails,name.familyName');
          const stored = await t.scim({ method: 'GET', url: `Users/${response.body.id}` });
          const { meta: _meta, emails: _emails, name, ...rest } = stored.body;
          const { familyName: _familyName, ...nameLeft } = name;

          expect(response.status).toBe(status);
          expect(response.body).toEqual({ ...rest, name: nameLeft });
          expect(response.headers.etag).toBe(stored.body.meta.version);
        },
      );

      it('should create nothing when POST names both attributes and excludedAttributes', async () => {
        const userName = `${tok}.${token()}@example.com`;

        const response = await t.scim({
          method: 'POST',
          url: 'Users?attributes=userName&excludedAttributes=emails',
          body: body(userName),
        });
        const lookup = await listUsers(t, { filter: `userName eq "${userName}"` });

        expectScimError(response, 400, 'invalidValue');
        expect(lookup.body.totalResults).toBe(0);
      });

      it.each(['PUT', 'PATCH'] as const)(
        'should change nothing when %s names both attributes and excludedAttributes',
        async (method) => {
          const user = await createUser(t, body(`${tok}.${token()}@example.com`));
          const replacement =
            method === 'PUT'
              ? { ...body(user.userName as string), externalId: user.externalId, title: 'Changed' }
              : patchSetting('title', 'Changed');

          const response = await t.scim({
            method,
            url: `Users/${user.id}?attributes=userName&excludedAttributes=emails`,
            body: replacement,
          });
          const stored = await t.scim({ method: 'GET', url: `Users/${user.id}` });

          expectScimError(response, 400, 'invalidValue');
          expect(stored.body).toMatchObject({
            title: 'Analyst',
            meta: { version: (user.meta as Json).version },
          });
        },
      );
    });

    it.each([
      ['GET /Users', () => `${usersUrl({ filter: `id eq "${full.id}"` })}&`],
      ['GET /Users/{id}', () => `Users/${full.id}?`],
    ])(
      'should refuse attributes and excludedAttributes together on %s with 400 invalidValue',
      async (_, url) => {
        const response = await t.scim({
          method: 'GET',
          url: `${url()}attributes=userName&excludedAttributes=emails`,
        });

        expectScimError(response, 400, 'invalidValue');
      },
    );
  });

  describe('sortBy and sortOrder (RFC 7644 §3.4.2.3)', () => {
    const tok = token();
    const scope = `userName sw "${tok}."`;
    const seeded: string[] = [];

    /** Mixed case, accents (one decomposed), and ties on names once folded, to test id tie-breaks. */
    const people = [
      { local: 'Carol', email: 'zz.carol', given: 'alice', family: 'Martin' },
      { local: 'alice', email: 'Yy.alice', given: 'Alice', family: 'martin' },
      { local: 'Bob', email: 'xx.bob', given: 'ALICE', family: 'MARTIN' },
      { local: 'émile', email: 'éé.emile', given: 'Émile', family: 'Dupont' },
      { local: 'Zoë', email: 'aa.zoe', given: 'zoë', family: 'dupont' },
      { local: 'dave', email: 'Bb.dave', given: 'Zoe', family: 'Ångström' },
      { local: 'ÉVA', email: 'cc.eva', given: 'E\u0301mile', family: 'Zola' },
      { local: 'frank', email: 'DD.frank', given: 'bob', family: "o'Neil" },
      { local: 'Gus', email: 'ee.gus', given: 'carl', family: 'Moreau' },
    ];

    beforeAll(async () => {
      const created = await Promise.all(
        people.map(({ local, email, given, family }) =>
          createUser(
            t,
            userBody(`${tok}.${local}@example.com`, {
              name: { givenName: given, familyName: family },
              emails: [{ type: 'work', value: `${email}.${tok}@sort.example`, primary: true }],
            }),
          ),
        ),
      );
      seeded.push(...created.map((user) => user.id));
      // Modified in an order of their own, so meta.lastModified differs from meta.created.
      for (const index of [4, 0, 7, 2]) {
        await t.scim({ method: 'PATCH', url: `Users/${seeded[index]}`, body: patchSetting('nickName', 'x') });
      }
    });

    const keys: Readonly<Record<string, (user: Json) => string>> = {
      id: (user) => String(user.id),
      userName: (user) => fold(user.userName),
      'name.givenName': (user) => fold(user.name.givenName),
      'name.familyName': (user) => fold(user.name.familyName),
      'meta.created': (user) => String(user.meta.created),
      'meta.lastModified': (user) => String(user.meta.lastModified),
    };

    /** The order the server owes: by folded key in code-point order, ties by id; descending reverses both. */
    function expectedOrder(users: Json[], sortBy: string, descending: boolean): string[] {
      const key = keys[sortBy];
      const ascending = [...users]
        .sort((a, b) => byCodePoint(key(a), key(b)) || byCodePoint(a.id, b.id))
        .map((user) => user.id as string);
      return descending ? ascending.reverse() : ascending;
    }

    const sorts = Object.keys(keys).flatMap((sortBy) =>
      ['ascending', 'descending'].map((sortOrder) => ({ sortBy, sortOrder })),
    );

    it.each(sorts)('should order by $sortBy $sortOrder as computed in JS', async ({ sortBy, sortOrder }) => {
      const response = await listUsers(t, { filter: scope, sortBy, sortOrder });
      const users: Json[] = response.body.Resources;

      expect([...resourceIds(response)].sort()).toEqual([...seeded].sort());
      expect(resourceIds(response)).toEqual(expectedOrder(users, sortBy, sortOrder === 'descending'));
    });

    it('should have seeded ties, so that the id tie-break is exercised', async () => {
      const response = await listUsers(t, { filter: scope });
      const given = new Set((response.body.Resources as Json[]).map(keys['name.givenName']));
      const family = new Set((response.body.Resources as Json[]).map(keys['name.familyName']));

      // alice ×3, émile ×2 (one written decomposed); martin ×3, dupont ×2.
      expect(given.size).toBe(people.length - 3);
      expect(family.size).toBe(people.length - 3);
    });

    it.each(sorts)(
      'should serve $sortBy $sortOrder identically in pages of 1, 2, 3 and 5',
      async ({ sortBy, sortOrder }) => {
        const params = { filter: scope, sortBy, sortOrder };
        const whole = resourceIds(await listUsers(t, params));

        for (const pageSize of [1, 2, 3, 5]) {
          expect(await walkByIndex(t, params, pageSize)).toEqual(whole);
        }
      },
    );

    it('should refuse sortBy=emails: RFC 7644 §3.4.2.3 orders it by the primary email, which no column holds', async () => {
      const response = await t.scim({ method: 'GET', url: usersUrl({ filter: scope, sortBy: 'emails' }) });

      expectScimError(response, 400, 'invalidValue');
    });

    it.each([
      {
        name: 'no sortOrder as ascending',
        given: { sortBy: 'userName' },
        same: { sortBy: 'userName', sortOrder: 'ascending' },
      },
      {
        name: 'the attribute name in another case',
        given: { sortBy: 'NAME.FAMILYNAME', sortOrder: 'descending' },
        same: { sortBy: 'name.familyName', sortOrder: 'descending' },
      },
      {
        name: 'the fully qualified attribute',
        given: { sortBy: `${USER_SCHEMA}:name.givenName` },
        same: { sortBy: 'name.givenName' },
      },
      {
        name: 'sortOrder in another case',
        given: { sortBy: 'meta.created', sortOrder: 'DESCENDING' },
        same: { sortBy: 'meta.created', sortOrder: 'descending' },
      },
    ])('should read $name', async ({ given, same }) => {
      const response = await listUsers(t, { filter: scope, ...given });
      const reference = await listUsers(t, { filter: scope, ...same });

      expect(resourceIds(response)).toEqual(resourceIds(reference));
    });

    it.each([
      'title',
      'shoeSize',
      'password',
      'emails.type',
      'name',
      'meta',
      `${ENTERPRISE_SCHEMA}:department`,
    ])('should refuse sortBy=%s with 400 invalidValue', async (sortBy) => {
      const response = await t.scim({ method: 'GET', url: usersUrl({ filter: scope, sortBy }) });

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain('sortBy');
    });

    it.each(['sideways', 'asc', '1'])(
      'should refuse sortOrder=%s with 400 invalidValue',
      async (sortOrder) => {
        const response = await t.scim({
          method: 'GET',
          url: usersUrl({ filter: scope, sortBy: 'userName', sortOrder }),
        });

        expectScimError(response, 400, 'invalidValue');
        expect(response.body.detail).toContain('sortOrder');
      },
    );
  });

  describe('cursor paging (RFC 9865)', () => {
    const tok = token();
    const scope = `userName sw "${tok}."`;
    const seeded: string[] = [];
    const families = ['Martin', 'martin', 'Dupont', 'Zola', 'MARTIN', 'Ångström', 'dupont'];

    beforeAll(async () => {
      for (const [index, family] of families.entries()) {
        const user = await createUser(
          t,
          userBody(`${tok}.${index}.${token()}@example.com`, {
            name: { givenName: 'C', familyName: family },
          }),
        );
        seeded.push(user.id);
      }
      for (const index of [3, 0, 5]) {
        await t.scim({ method: 'PATCH', url: `Users/${seeded[index]}`, body: patchSetting('nickName', 'x') });
      }
    });

    const orders: readonly QueryParams[] = [
      {},
      { sortBy: 'userName' },
      { sortBy: 'name.familyName', sortOrder: 'descending' },
      { sortBy: 'meta.lastModified', sortOrder: 'descending' },
      { sortBy: 'id', sortOrder: 'ascending' },
    ];

    it('should start with cursor= (empty): a page of count users, a nextCursor and no startIndex', async () => {
      const response = await listUsers(t, { filter: scope, count: 2, cursor: '' });

      expect(response.body).toEqual({
        schemas: [expect.any(String)],
        totalResults: families.length,
        itemsPerPage: 2,
        Resources: [expect.objectContaining({ id: expect.any(String) }), expect.any(Object)],
        nextCursor: expect.stringMatching(/^[A-Za-z0-9_.-]+$/),
      });
      expect(response.body).not.toHaveProperty('startIndex');
      expect(response.body).not.toHaveProperty('previousCursor');
    });

    it.each(orders)(
      'should serve every user exactly once, in order, following nextCursor (%o)',
      async (order) => {
        const params = { filter: scope, count: 2, ...order };
        const whole = await walkByIndex(t, { filter: scope, ...order }, 200);

        const pages = await walkByCursor(t, params);

        expect(pages.map((page) => page.ids.length)).toEqual([2, 2, 2, 1]);
        expect(pages.flatMap((page) => page.ids)).toEqual(whole);
        expect([...whole].sort()).toEqual([...seeded].sort());
        for (const [index, { ids, response }] of pages.entries()) {
          expect(response.body).toMatchObject({ totalResults: families.length, itemsPerPage: ids.length });
          expect(response.body).not.toHaveProperty('startIndex');
          expect('previousCursor' in response.body).toBe(index > 0);
          expect('nextCursor' in response.body).toBe(index < pages.length - 1);
        }
      },
    );

    it.each(orders)(
      'should walk back through the same pages following previousCursor (%o)',
      async (order) => {
        const params = { filter: scope, count: 2, ...order };
        const forward = await walkByCursor(t, params);
        const last = forward[forward.length - 1].response.body;

        const backward = await walkByCursor(t, params, 'previousCursor', last.previousCursor);

        expect(backward.map((page) => page.ids)).toEqual(
          forward
            .slice(0, -1)
            .reverse()
            .map((page) => page.ids),
        );
        // The first page, reached backwards, leads forwards again to the second.
        const again = await listUsers(t, {
          ...params,
          cursor: backward[backward.length - 1].response.body.nextCursor,
        });
        expect(resourceIds(again)).toEqual(forward[1].ids);
      },
    );

    it('should continue after the cursor with another count, which the cursor is not bound to', async () => {
      const params = { filter: scope, sortBy: 'userName' };
      const whole = await walkByIndex(t, params, 200);
      const first = await listUsers(t, { ...params, count: 2, cursor: '' });

      const next = await listUsers(t, { ...params, count: 3, cursor: first.body.nextCursor });

      expect(resourceIds(next)).toEqual(whole.slice(2, 5));
    });

    it('should continue past a user deleted after the page that ends with it was served', async () => {
      // Users of its own: the deletion must not change what the other cursor tests see.
      const deleted = token();
      const own = `userName sw "${deleted}."`;
      for (let index = 0; index < 5; index++) {
        await createUser(t, userBody(`${deleted}.${index}@example.com`));
      }
      const whole = await walkByIndex(t, { filter: own }, 200);
      const first = await listUsers(t, { filter: own, count: 2, cursor: '' });
      const deletion = await t.scim({ method: 'DELETE', url: `Users/${whole[1]}` });

      const next = await listUsers(t, { filter: own, count: 2, cursor: first.body.nextCursor });

      expect(deletion.status).toBe(204);
      expect(resourceIds(first)).toEqual(whole.slice(0, 2));
      expect(resourceIds(next)).toEqual(whole.slice(2, 4));
      expect(next.body.totalResults).toBe(4);
    });

    /** A nextCursor issued for `userName` order under the scope. */
    async function issuedCursor(): Promise<string> {
      const response = await listUsers(t, { filter: scope, sortBy: 'userName', count: 2, cursor: '' });
      return response.body.nextCursor as string;
    }

    /** The character at `index` replaced by another of the base64url alphabet. */
    const replaceAt = (text: string, index: number) =>
      `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;

    it.each([
      ['a changed body', (cursor: string) => replaceAt(cursor, 5)],
      ['a changed signature', (cursor: string) => replaceAt(cursor, cursor.length - 3)],
      ['no signature', (cursor: string) => cursor.split('.')[0]],
      ['garbage', () => 'not-a-cursor'],
    ])('should refuse a cursor with %s with 400 invalidCursor', async (_, tamper) => {
      const cursor = tamper(await issuedCursor());

      const response = await t.scim({
        method: 'GET',
        url: usersUrl({ filter: scope, sortBy: 'userName', count: 2, cursor }),
      });

      expectScimError(response, 400, 'invalidCursor');
    });

    it.each([
      ['another filter', { filter: `${scope} and name.givenName eq "C"`, sortBy: 'userName' }],
      ['no filter', { sortBy: 'userName' }],
      ['another sortBy', { filter: scope, sortBy: 'name.familyName' }],
      ['no sortBy', { filter: scope }],
      ['another sortOrder', { filter: scope, sortBy: 'userName', sortOrder: 'descending' }],
    ])('should refuse a cursor reused with %s with 400 invalidCursor', async (_, params) => {
      const cursor = await issuedCursor();

      const response = await t.scim({ method: 'GET', url: usersUrl({ ...params, count: 2, cursor }) });

      expectScimError(response, 400, 'invalidCursor');
    });

    it.each([
      ['an empty cursor', () => Promise.resolve('')],
      ['an issued cursor', issuedCursor],
    ])('should refuse %s with startIndex with 400 invalidValue', async (_, cursor) => {
      const response = await t.scim({
        method: 'GET',
        url: usersUrl({ filter: scope, sortBy: 'userName', startIndex: 1, count: 2, cursor: await cursor() }),
      });

      expectScimError(response, 400, 'invalidValue');
    });

    it('should advertise both paging methods and sorting in ServiceProviderConfig', async () => {
      const response = await t.scim({ method: 'GET', url: 'ServiceProviderConfig' });

      expect(response.body).toMatchObject({
        sort: { supported: true },
        pagination: {
          cursor: true,
          index: true,
          defaultPageSize: expect.any(Number),
          maxPageSize: response.body.filter.maxResults,
          cursorTimeout: expect.any(Number),
        },
      });
    });
  });

  describe('POST /Users/.search and POST /.search (RFC 7644 §3.4.3)', () => {
    const tok = token();
    const scope = `userName sw "${tok}."`;
    const seeded: Json[] = [];

    beforeAll(async () => {
      for (const [index, given] of ['Noor', 'ada', 'Zed', 'bea', 'Lin'].entries()) {
        seeded.push(
          await createUser(
            t,
            userBody(`${tok}.${index}@example.com`, {
              name: { givenName: given, familyName: 'Search' },
              title: index % 2 === 0 ? 'Even' : 'Odd',
            }),
          ),
        );
      }
    });

    const endpoints = [
      { endpoint: 'POST /Users/.search', url: 'Users/.search' },
      { endpoint: 'POST /.search', url: '.search' },
    ];

    const search = (url: string, body: Json) =>
      t.scim({ method: 'POST', url, body: { schemas: [SEARCH_REQUEST_SCHEMA], ...body } });

    it.each(endpoints)('should answer $endpoint as the equivalent GET /Users', async ({ url }) => {
      const get = await listUsers(t, {
        filter: `${scope} and title eq "Even"`,
        sortBy: 'name.givenName',
        sortOrder: 'descending',
        startIndex: 2,
        count: 1,
        attributes: 'userName,name.givenName',
      });

      const post = await search(url, {
        filter: `${scope} and title eq "Even"`,
        sortBy: 'name.givenName',
        sortOrder: 'descending',
        startIndex: 2,
        count: 1,
        attributes: ['userName', 'name.givenName'],
      });

      expect(post.status).toBe(200);
      expect(post.body).toEqual(get.body);
      expect(post.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
      expect(post.body.Resources).toEqual([
        {
          schemas: expect.any(Array),
          id: seeded[0].id,
          userName: seeded[0].userName,
          name: { givenName: 'Noor' },
        },
      ]);
    });

    it.each(endpoints)('should take excludedAttributes as an array on $endpoint', async ({ url }) => {
      const get = await listUsers(t, { filter: scope, excludedAttributes: 'emails,meta,name' });

      const post = await search(url, { filter: scope, excludedAttributes: ['emails', 'meta', 'name'] });

      expect(post.body).toEqual(get.body);
      for (const resource of post.body.Resources as Json[]) {
        expect(resource).not.toHaveProperty('emails');
        expect(resource).not.toHaveProperty('meta');
        expect(resource).toHaveProperty('id');
      }
    });

    it.each(endpoints)(
      'should find users by a filter sent in the body only, with no query string, on $endpoint',
      async ({ url }) => {
        const email = seeded[3].userName as string;

        const response = await search(url, { filter: `emails[type eq "work"].value eq "${email}"` });

        expect(url).not.toContain('?');
        expect(response.status).toBe(200);
        expect(resourceIds(response)).toEqual([seeded[3].id]);
        expect(JSON.stringify(response.headers)).not.toContain(email);
      },
    );

    it.each(endpoints)('should page by cursor on $endpoint, as GET does', async ({ url }) => {
      const params = { filter: scope, sortBy: 'userName', count: 2 };
      const viaGet = await walkByCursor(t, params);
      const pages: string[][] = [];

      for (let cursor: string | undefined = ''; cursor !== undefined;) {
        const response = await search(url, { ...params, cursor });
        expect(response.body).not.toHaveProperty('startIndex');
        pages.push(resourceIds(response));
        cursor = response.body.nextCursor;
      }

      expect(pages).toEqual(viaGet.map((page) => page.ids));
    });

    it('should accept on .search a cursor issued by GET for the same query', async () => {
      const params = { filter: scope, sortBy: 'userName', count: 2 };
      const [first, second] = await walkByCursor(t, params);

      const response = await search('.search', { ...params, cursor: first.response.body.nextCursor });

      expect(resourceIds(response)).toEqual(second.ids);
    });

    it('should read the SearchRequest URN case-insensitively', async () => {
      const response = await t.scim({
        method: 'POST',
        url: 'Users/.search',
        body: { schemas: [SEARCH_REQUEST_SCHEMA.toUpperCase()], filter: scope },
      });

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(seeded.length);
    });

    it.each([
      ['no schemas', { filter: 'title pr' }],
      ['the User schema instead', { schemas: [USER_SCHEMA], filter: 'title pr' }],
      ['schemas as a string', { schemas: SEARCH_REQUEST_SCHEMA, filter: 'title pr' }],
      ['an array body', [{ schemas: [SEARCH_REQUEST_SCHEMA] }]],
    ])('should refuse a SearchRequest with %s with 400 invalidSyntax', async (_, body) => {
      for (const { url } of endpoints) {
        const response = await t.scim({ method: 'POST', url, body });

        expectScimError(response, 400, 'invalidSyntax');
      }
    });

    it.each([
      ['attributes as a string', { attributes: 'userName' }, 'invalidValue'],
      ['excludedAttributes with a number', { excludedAttributes: ['emails', 1] }, 'invalidValue'],
      ['count as a string', { count: '2' }, 'invalidValue'],
      ['startIndex as a fraction', { startIndex: 1.5 }, 'invalidValue'],
      ['a filter that is not a string', { filter: 42 }, 'invalidValue'],
      ['a malformed filter', { filter: 'title pr and' }, 'invalidFilter'],
      ['an unsortable sortBy', { sortBy: 'title' }, 'invalidValue'],
      ['a cursor with startIndex', { cursor: '', startIndex: 1 }, 'invalidValue'],
      ['a tampered cursor', { cursor: 'not-a-cursor' }, 'invalidCursor'],
    ])('should refuse a SearchRequest with %s with 400 %s', async (_, body, scimType) => {
      const response = await search('Users/.search', body);

      expectScimError(response, 400, scimType);
    });
  });
});
