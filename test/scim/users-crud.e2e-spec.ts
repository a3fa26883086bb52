import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import {
  createUser,
  ENTERPRISE_SCHEMA,
  entraUser,
  expectScimError,
  SCIM_CONTENT_TYPE,
  token,
  USER_SCHEMA,
  userRepository,
  usersFilterUrl,
  without,
  workEmail,
} from '../support/scim-fixtures';

describe('SCIM /Users create, read, replace, delete (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /Users', () => {
    it('should answer 201 with Location, an ETag equal to meta.version and the SCIM media type', async () => {
      const response = await t.scim({ method: 'POST', url: 'Users', body: entraUser() });

      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
      expect(response.body.id).toEqual(expect.any(String));
      expect(response.body.meta).toEqual({
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: `${t.config.tenantUrl}/Users/${response.body.id}`,
        version: expect.stringMatching(/^W\/".+"$/),
      });
      expect(response.headers.location).toBe(response.body.meta.location);
      expect(response.headers.etag).toBe(response.body.meta.version);
      expect(new Date(response.body.meta.created).toISOString()).toBe(response.body.meta.created);
    });

    it("should return every attribute of the guide's mapping as sent", async () => {
      const body = entraUser({
        name: { givenName: 'Élodie', familyName: 'Durand', formatted: 'Élodie Durand' },
        title: 'Head of Open Innovation',
        phoneNumbers: [{ type: 'work', value: '+33 6 12 34 56 78' }],
        addresses: [{ type: 'work', locality: 'Lyon', country: 'FR' }],
        [ENTERPRISE_SCHEMA]: { department: 'Research & Development' },
      });

      const response = await t.scim({ method: 'POST', url: 'Users', body });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName: body.userName,
        emails: [expect.objectContaining({ type: 'work', value: workEmail(body) })],
        name: { givenName: 'Élodie', familyName: 'Durand' },
        externalId: body.externalId,
        active: true,
        phoneNumbers: [{ type: 'work', value: '+33 6 12 34 56 78' }],
        title: 'Head of Open Innovation',
        addresses: [expect.objectContaining({ type: 'work', locality: 'Lyon' })],
        [ENTERPRISE_SCHEMA]: { department: 'Research & Development' },
      });
    });

    it("should store the guide's attributes in the Bloomflow columns", async () => {
      const body = entraUser({
        name: { givenName: 'Jonas', familyName: 'Berg' },
        title: 'Scout',
        phoneNumbers: [{ type: 'work', value: '+46 8 123 456' }],
        addresses: [{ type: 'work', locality: 'Stockholm' }],
        [ENTERPRISE_SCHEMA]: { department: 'Corporate Venturing' },
      });

      const { id } = await createUser(t, body);

      await expect(userRepository(t).findOneByOrFail({ id })).resolves.toMatchObject({
        userName: body.userName,
        email: workEmail(body),
        firstName: 'Jonas',
        lastName: 'Berg',
        externalId: body.externalId,
        suspended: false,
        phone: '+46 8 123 456',
        job: 'Scout',
        location: 'Stockholm',
        businessUnit: 'Corporate Venturing',
      });
    });

    it('should take the Bloomflow email from the work email, not from another type', async () => {
      const work = `work.${token()}@contoso.com`;
      const body = entraUser({
        emails: [
          { type: 'home', value: `home.${token()}@example.org`, primary: true },
          { type: 'work', value: work },
        ],
      });

      const { id } = await createUser(t, body);

      await expect(userRepository(t).findOneByOrFail({ id })).resolves.toMatchObject({ email: work });
    });

    it.each([
      ['displayName', 'Élodie Durand'],
      ['preferredLanguage', 'fr-FR'],
      ['nickName', 'Lodie'],
      ['userType', 'Employee'],
    ])('should round-trip the unmapped attribute %s on POST and GET', async (attribute, value) => {
      const created = await createUser(t, entraUser({ [attribute]: value }));

      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(created[attribute]).toBe(value);
      expect(read.body[attribute]).toBe(value);
    });

    it('should round-trip unmapped sub-attributes of the enterprise extension', async () => {
      const extension = { department: 'Sales', employeeNumber: '4711', costCenter: 'CC-42' };
      const created = await createUser(t, entraUser({ [ENTERPRISE_SCHEMA]: extension }));

      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(read.body[ENTERPRISE_SCHEMA]).toEqual(extension);
    });

    it.each(['application/json', 'application/scim+json', 'application/scim+json; charset=utf-8'])(
      'should accept a request body sent as %s',
      async (contentType) => {
        const response = await t.scim({
          method: 'POST',
          url: 'Users',
          body: entraUser(),
          headers: { 'content-type': contentType },
        });

        expect(response.status).toBe(201);
        expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
      },
    );

    it.each([
      ['false', false],
      ['"False"', 'False'],
      ['"false"', 'false'],
    ])('should create a suspended user for active %s, still returned by GET', async (_, active) => {
      const created = await createUser(t, entraUser({ active }));

      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(created.active).toBe(false);
      expect(read.status).toBe(200);
      expect(read.body.active).toBe(false);
      await expect(userRepository(t).findOneByOrFail({ id: created.id })).resolves.toMatchObject({
        suspended: true,
      });
    });

    it.each([
      ['"True"', 'True'],
      ['absent', undefined],
    ])('should create an active user for active %s', async (_, active) => {
      const body = active === undefined ? without(entraUser(), 'active') : entraUser({ active });

      const created = await createUser(t, body);

      expect(created.active).toBe(true);
    });

    it.each([
      ['emails', 'emails[type eq "work"].value'],
      ['name.givenName', 'name.givenName'],
      ['name.familyName', 'name.familyName'],
      ['externalId', 'externalId'],
      ['userName', 'userName'],
    ])('should refuse a user without %s with 400 invalidValue naming it', async (path, attribute) => {
      const body = without(entraUser(), path);

      const response = await t.scim({ method: 'POST', url: 'Users', body });

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain(attribute);
    });

    it.each([
      [
        'a work email that is blank',
        { emails: [{ type: 'work', value: '   ' }] },
        'emails[type eq "work"].value',
      ],
      [
        'only a home email',
        { emails: [{ type: 'home', value: `h.${token()}@example.org` }] },
        'emails[type eq "work"].value',
      ],
      ['a givenName that is empty', { name: { givenName: '', familyName: 'Durand' } }, 'name.givenName'],
      ['no name at all', { name: null }, 'name.givenName'],
    ])(
      'should refuse a user with %s with 400 invalidValue naming the attribute',
      async (_, overrides, attribute) => {
        const response = await t.scim({ method: 'POST', url: 'Users', body: entraUser(overrides) });

        expectScimError(response, 400, 'invalidValue');
        expect(response.body.detail).toContain(attribute);
      },
    );

    it.each([
      ['userName', { userName: 42 }],
      ['externalId', { externalId: true }],
      ['active', { active: 'maybe' }],
      ['active', { active: 1 }],
      ['emails', { emails: 'someone@contoso.com' }],
      ['name', { name: 'Élodie Durand' }],
      ['name.givenName', { name: { givenName: ['Élodie'], familyName: 'Durand' } }],
      ['title', { title: { text: 'CEO' } }],
      ['phoneNumbers', { phoneNumbers: [{ type: 'work', value: 33612345678 }] }],
      [ENTERPRISE_SCHEMA, { [ENTERPRISE_SCHEMA]: 'Sales' }],
    ])('should refuse a wrongly typed %s (%j) with 400 invalidValue', async (attribute, overrides) => {
      const response = await t.scim({ method: 'POST', url: 'Users', body: entraUser(overrides) });

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain(attribute);
    });

    it.each([
      ['missing', undefined],
      ['not an array', USER_SCHEMA],
      ['without the User schema', [ENTERPRISE_SCHEMA]],
      ['empty', []],
    ])('should refuse schemas %s with 400 invalidSyntax', async (_, schemas) => {
      const body = schemas === undefined ? without(entraUser(), 'schemas') : entraUser({ schemas });

      const response = await t.scim({ method: 'POST', url: 'Users', body });

      expectScimError(response, 400, 'invalidSyntax');
    });

    it.each([
      ['an array', []],
      ['a string', 'user'],
      ['null', null],
    ])('should refuse a body that is %s with 400 invalidSyntax', async (_, body) => {
      const response = await t.scim({ method: 'POST', url: 'Users', body: JSON.stringify(body) });

      expectScimError(response, 400, 'invalidSyntax');
    });

    it('should ignore id and meta sent by the client', async () => {
      const foreignId = randomUUID();
      const body = entraUser({ id: foreignId, meta: { resourceType: 'User', version: 'W/"999"' } });

      const created = await createUser(t, body);

      expect(created.id).not.toBe(foreignId);
      expect(created.meta).toMatchObject({ version: expect.not.stringContaining('999') });
      expect((await t.scim({ method: 'GET', url: `Users/${foreignId}` })).status).toBe(404);
    });

    it('should never return a password sent on create', async () => {
      const secret = `S3cret-${token()}`;

      const created = await createUser(t, entraUser({ password: secret }));
      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(JSON.stringify(created)).not.toContain(secret);
      expect(read.raw.body).not.toContain(secret);
      await expect(userRepository(t).findOneByOrFail({ id: created.id })).resolves.toMatchObject({
        scimProfile: expect.not.stringContaining(secret),
      });
    });
  });

  describe('GET /Users/{id}', () => {
    it('should return the user as created, with its ETag', async () => {
      const created = await createUser(t);

      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(read.status).toBe(200);
      expect(read.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
      expect(read.headers.etag).toBe(created.meta && (created.meta as { version: string }).version);
      expect(read.body).toEqual(created);
    });

    it('should answer 304 without a body when If-None-Match holds the current version', async () => {
      const created = await createUser(t);
      const { version } = created.meta as { version: string };

      const response = await t.scim({
        method: 'GET',
        url: `Users/${created.id}`,
        headers: { 'if-none-match': version },
      });

      expect(response.status).toBe(304);
      expect(response.raw.body).toBe('');
      expect(response.headers.etag).toBe(version);
    });

    it('should answer 200 when If-None-Match holds an older version', async () => {
      const created = await createUser(t);
      const { version } = created.meta as { version: string };
      await t.scim({ method: 'PUT', url: `Users/${created.id}`, body: { ...created, title: 'Changed' } });

      const response = await t.scim({
        method: 'GET',
        url: `Users/${created.id}`,
        headers: { 'if-none-match': version },
      });

      expect(response.status).toBe(200);
      expect(response.body.title).toBe('Changed');
      expect(response.headers.etag).not.toBe(version);
    });

    it.each([
      ['a random uuid', () => randomUUID()],
      ['a non-uuid id', () => `not-a-uuid-${token()}`],
    ])('should answer 404 with a SCIM error for %s', async (_, id) => {
      const response = await t.scim({ method: 'GET', url: `Users/${id()}` });

      expectScimError(response, 404);
    });
  });

  describe('PUT /Users/{id}', () => {
    it('should replace the user: attributes absent from the body are gone', async () => {
      const created = await createUser(
        t,
        entraUser({
          displayName: 'Before',
          nickName: 'Nick',
          title: 'Before title',
          phoneNumbers: [{ type: 'work', value: '+33 1 00 00 00 00' }],
          addresses: [{ type: 'work', locality: 'Paris' }],
          [ENTERPRISE_SCHEMA]: { department: 'Before department' },
        }),
      );
      const replacement = {
        schemas: [USER_SCHEMA],
        userName: created.userName,
        externalId: created.externalId,
        emails: created.emails,
        name: { givenName: 'After', familyName: 'Replaced' },
        displayName: 'After',
      };

      const response = await t.scim({ method: 'PUT', url: `Users/${created.id}`, body: replacement });
      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
      for (const body of [response.body, read.body]) {
        expect(body).toMatchObject({
          id: created.id,
          displayName: 'After',
          name: { givenName: 'After', familyName: 'Replaced' },
        });
        expect(body).not.toHaveProperty('nickName');
        expect(body).not.toHaveProperty('title');
        expect(body).not.toHaveProperty('phoneNumbers');
        expect(body).not.toHaveProperty('addresses');
        expect(body).not.toHaveProperty(ENTERPRISE_SCHEMA);
        expect(body.schemas).toEqual([USER_SCHEMA]);
      }
      await expect(userRepository(t).findOneByOrFail({ id: created.id })).resolves.toMatchObject({
        firstName: 'After',
        lastName: 'Replaced',
        job: null,
        phone: null,
        location: null,
        businessUnit: null,
      });
    });

    it('should bump the version, the ETag and lastModified but keep created', async () => {
      const created = await createUser(t);
      const before = created.meta as { version: string; created: string; lastModified: string };

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: { ...created, title: 'New title' },
      });

      expect(response.status).toBe(200);
      expect(response.body.meta.version).not.toBe(before.version);
      expect(response.headers.etag).toBe(response.body.meta.version);
      expect(response.body.meta.created).toBe(before.created);
      expect(Date.parse(response.body.meta.lastModified)).toBeGreaterThanOrEqual(
        Date.parse(before.lastModified),
      );
    });

    it('should change the Bloomflow columns, email included', async () => {
      const created = await createUser(t);
      const newEmail = `moved.${token()}@contoso.com`;

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: {
          ...created,
          userName: newEmail,
          emails: [{ type: 'work', value: newEmail }],
          title: 'Director',
        },
      });

      expect(response.status).toBe(200);
      await expect(userRepository(t).findOneByOrFail({ id: created.id })).resolves.toMatchObject({
        userName: newEmail,
        email: newEmail,
        job: 'Director',
      });
    });

    it.each([
      ['false', false],
      ['"False"', 'False'],
    ])('should suspend the user for active %s, still returned by GET', async (_, active) => {
      const created = await createUser(t);

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: { ...created, active },
      });
      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expect(response.status).toBe(200);
      expect(response.body.active).toBe(false);
      expect(read.status).toBe(200);
      expect(read.body.active).toBe(false);
    });

    it('should restore a suspended user with active true', async () => {
      const created = await createUser(t, entraUser({ active: false }));

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: { ...created, active: 'True' },
      });

      expect(response.body.active).toBe(true);
      await expect(userRepository(t).findOneByOrFail({ id: created.id })).resolves.toMatchObject({
        suspended: false,
      });
    });

    it('should answer 412 when If-Match holds a stale version, and change nothing', async () => {
      const created = await createUser(t);
      const stale = (created.meta as { version: string }).version;
      await t.scim({ method: 'PUT', url: `Users/${created.id}`, body: { ...created, title: 'First' } });

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: { ...created, title: 'Second' },
        headers: { 'if-match': stale },
      });
      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expectScimError(response, 412);
      expect(read.body.title).toBe('First');
    });

    it.each([
      ['the current version', (version: string) => version],
      ['*', () => '*'],
    ])('should replace when If-Match holds %s', async (_, ifMatch) => {
      const created = await createUser(t);

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: { ...created, title: 'Matched' },
        headers: { 'if-match': ifMatch((created.meta as { version: string }).version) },
      });

      expect(response.status).toBe(200);
      expect(response.body.title).toBe('Matched');
    });

    it('should refuse a replacement without a required attribute with 400 and change nothing', async () => {
      const created = await createUser(t);

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${created.id}`,
        body: without(created, 'name.familyName'),
      });
      const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });

      expectScimError(response, 400, 'invalidValue');
      expect(response.body.detail).toContain('name.familyName');
      expect(read.body).toEqual(created);
    });

    it('should answer 404 for an unknown id', async () => {
      const response = await t.scim({ method: 'PUT', url: `Users/${randomUUID()}`, body: entraUser() });

      expectScimError(response, 404);
    });
  });

  describe('DELETE /Users/{id}', () => {
    it('should answer 204 with an empty body', async () => {
      const created = await createUser(t);

      const response = await t.scim({ method: 'DELETE', url: `Users/${created.id}` });

      expect(response.status).toBe(204);
      expect(response.raw.body).toBe('');
    });

    it.each([
      ['GET', undefined],
      ['PUT', 'body'],
      ['PATCH', 'patch'],
      ['DELETE', undefined],
    ] as const)('should answer 404 to %s after the user was deleted', async (method, kind) => {
      const created = await createUser(t);
      await t.scim({ method: 'DELETE', url: `Users/${created.id}` });
      const body =
        kind === 'body'
          ? created
          : kind === 'patch'
            ? {
                schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
                Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
              }
            : undefined;

      const response = await t.scim({ method, url: `Users/${created.id}`, body });

      expectScimError(response, 404);
    });

    it('should keep the Bloomflow data of a deleted user, suspended', async () => {
      const created = await createUser(t);

      await t.scim({ method: 'DELETE', url: `Users/${created.id}` });

      await expect(userRepository(t).findOneByOrFail({ id: created.id })).resolves.toMatchObject({
        email: workEmail(created),
        firstName: (created.name as { givenName: string }).givenName,
        suspended: true,
        deprovisionedAt: expect.any(Date),
      });
    });

    it.each([
      ['active true', true, true],
      ['active "False"', 'False', false],
    ])(
      'should bring the same user back when POSTed again with the same email in another case (%s)',
      async (_, active, expected) => {
        const created = await createUser(t);
        await t.scim({ method: 'DELETE', url: `Users/${created.id}` });
        const email = (workEmail(created) as string).toUpperCase();

        const response = await t.scim({
          method: 'POST',
          url: 'Users',
          body: entraUser({
            userName: email,
            emails: [{ type: 'work', value: email }],
            externalId: created.externalId,
            active,
          }),
        });
        const read = await t.scim({ method: 'GET', url: `Users/${created.id}` });
        const list = await t.scim({
          method: 'GET',
          url: usersFilterUrl(`emails[type eq "work"].value eq "${email}"`),
        });

        expect(response.status).toBe(201);
        expect(response.body.id).toBe(created.id);
        expect(response.body.active).toBe(expected);
        expect(response.headers.location).toBe(`${t.config.tenantUrl}/Users/${created.id}`);
        expect(read.status).toBe(200);
        expect(read.body.userName).toBe(email);
        expect(list.body.totalResults).toBe(1);
        await expect(userRepository(t).countBy({ email })).resolves.toBe(1);
      },
    );

    it('should bring the same user back even with a new externalId (Entra re-created the object)', async () => {
      const created = await createUser(t);
      await t.scim({ method: 'DELETE', url: `Users/${created.id}` });

      const body = entraUser({
        userName: created.userName,
        emails: created.emails,
        externalId: randomUUID(),
      });
      const response = await t.scim({ method: 'POST', url: 'Users', body });

      expect(response.status).toBe(201);
      expect(response.body.id).toBe(created.id);
      expect(response.body.externalId).toBe(body.externalId);
    });

    it('should answer 412 when If-Match is stale, and keep the user', async () => {
      const created = await createUser(t);
      await t.scim({ method: 'PUT', url: `Users/${created.id}`, body: { ...created, title: 'Moved on' } });

      const response = await t.scim({
        method: 'DELETE',
        url: `Users/${created.id}`,
        headers: { 'if-match': (created.meta as { version: string }).version },
      });

      expectScimError(response, 412);
      expect((await t.scim({ method: 'GET', url: `Users/${created.id}` })).status).toBe(200);
    });

    it('should answer 404 for an unknown id', async () => {
      const response = await t.scim({ method: 'DELETE', url: `Users/${randomUUID()}` });

      expectScimError(response, 404);
    });
  });
});
