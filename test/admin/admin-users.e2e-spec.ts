import { randomUUID } from 'node:crypto';
import { FailedRequestRecorder } from '../../src/audit/failed-request-recorder';
import type { AdminUserPage, AdminUserProfile, ProvisioningEventPage } from '../../src/admin/admin-views';
import { admin, adminError } from './admin-request';
import { createUser, entraUser, token, userRepository, usersFilterUrl } from '../support/scim-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('admin API: users (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const handMade = (overrides: Record<string, unknown> = {}) => ({
    email: `jane.${token()}@contoso.com`,
    firstName: 'Jane',
    lastName: 'Doe',
    ...overrides,
  });

  describe('POST /api/admin/users', () => {
    it('should create a user by hand with userName = email, created and updated by the admin', async () => {
      const body = handMade({ job: 'Buyer', phone: '+33 6 12 34 56 78' });
      const response = await admin(t, { method: 'POST', url: 'users', body });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        email: body.email,
        userName: body.email,
        firstName: 'Jane',
        lastName: 'Doe',
        job: 'Buyer',
        phone: '+33 6 12 34 56 78',
        externalId: null,
        status: 'active',
        provisioned: false,
        createdBy: { type: 'admin', label: 'admin' },
        updatedBy: { type: 'admin', label: 'admin' },
        groups: [],
      });
      expect(response.body.history).toEqual([
        expect.objectContaining({
          operation: 'create',
          outcome: 'success',
          actor: expect.objectContaining({ type: 'admin' }),
        }),
      ]);
    });

    it('should store the SCIM profile through the mapper, so Entra reads the user as the columns say', async () => {
      const body = handMade({ location: 'Paris', businessUnit: 'Innovation' });
      const { body: created } = await admin(t, { method: 'POST', url: 'users', body });

      expect(created.scimAttributes).toMatchObject({
        userName: body.email,
        name: { givenName: 'Jane', familyName: 'Doe' },
        emails: [{ type: 'work', value: body.email }],
        addresses: [{ type: 'work', locality: 'Paris' }],
        active: true,
      });
      const found = await t.scim({
        method: 'GET',
        url: usersFilterUrl(`userName eq "${body.email.toUpperCase()}"`),
      });
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0]).toMatchObject({
        id: created.id,
        emails: [{ type: 'work', value: body.email }],
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Innovation' },
      });
    });

    it('should refuse an email another user has, whatever its case, with a 409', async () => {
      const body = handMade();
      await admin(t, { method: 'POST', url: 'users', body });
      const response = await admin(t, {
        method: 'POST',
        url: 'users',
        body: { ...body, email: body.email.toUpperCase() },
      });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(adminError(409, 'Another user already has this email.'));
    });

    it.each([
      [{ firstName: 'Jane', lastName: 'Doe' }, 'email must be an email address'],
      [{ email: 'not-an-email', firstName: 'Jane', lastName: 'Doe' }, 'email must be an email address'],
      [{ email: 'jane@contoso.com', firstName: '  ', lastName: 'Doe' }, 'firstName should not be empty'],
      [{ email: 'jane@contoso.com', firstName: 'Jane' }, 'lastName must be a string'],
      [{ email: 'jane@contoso.com', firstName: 'Jane', lastName: 'Doe', job: 42 }, 'job must be a string'],
      [
        { email: 'jane@contoso.com', firstName: 'Jane', lastName: 'Doe', admin: true },
        'property admin should not exist',
      ],
      [
        { email: 'jane@contoso.com', firstName: 'Jane', lastName: 'Doe', suspended: 'yes' },
        'suspended must be a boolean value',
      ],
      [
        { email: 'jane@contoso.com', firstName: 'J'.repeat(257), lastName: 'Doe' },
        'firstName must be shorter than or equal to 256 characters',
      ],
    ])('should answer %j with a 400 naming the problem', async (body, message) => {
      const response = await admin(t, { method: 'POST', url: 'users', body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringContaining(message),
      });
      expect(response.body.details).toEqual(expect.arrayContaining([message]));
    });

    it('should answer malformed JSON with a 400', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: {
          authorization: `Bearer ${'admin-test-key-0123456789abcdefghijklmnop'}`,
          'content-type': 'application/json',
        },
        payload: '{"email": ',
      });
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ statusCode: 400, message: expect.any(String) });
    });
  });

  describe('GET /api/admin/users', () => {
    let family: string;
    let provisioned: { id: string };
    let manual: { id: string };
    let suspendedOne: { id: string };

    beforeAll(async () => {
      family = `Fam${token()}`;
      provisioned = await createUser(t, entraUser({ name: { givenName: 'Bob', familyName: family } }));
      manual = (
        await admin(t, {
          method: 'POST',
          url: 'users',
          body: handMade({ firstName: 'Ada', lastName: family }),
        })
      ).body;
      suspendedOne = (
        await admin(t, {
          method: 'POST',
          url: 'users',
          body: handMade({ firstName: 'Émile', lastName: family, suspended: true }),
        })
      ).body;
    });

    const list = async (query: string): Promise<AdminUserPage> => {
      const response = await admin<AdminUserPage>(t, {
        method: 'GET',
        url: `users?search=${family}&${query}`,
      });
      expect(response.status).toBe(200);
      return response.body;
    };

    it('should name the provisioning key for a provisioned user and the admin for a hand-made one', async () => {
      const page = await list('sort=name&order=asc');
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 25 });
      const byId = Object.fromEntries(page.users.map((user) => [user.id, user]));
      expect(byId[provisioned.id]).toMatchObject({
        provisioned: true,
        status: 'active',
        createdBy: { type: 'provisioning', label: 'configured' },
        updatedBy: { type: 'provisioning', label: 'configured' },
      });
      expect(byId[manual.id]).toMatchObject({
        provisioned: false,
        createdBy: { type: 'admin', label: 'admin' },
        updatedBy: { type: 'admin', label: 'admin' },
      });
    });

    it('should search names and emails case-insensitively, accents included', async () => {
      const response = await admin<AdminUserPage>(t, {
        method: 'GET',
        url: `users?search=${encodeURIComponent(`émile ${family.toUpperCase()}`)}`,
      });
      expect(response.body.users.map((user) => user.id)).toEqual([suspendedOne.id]);
      const byEmail = await admin<AdminUserPage>(t, { method: 'GET', url: 'users?search=TESTUSER.COM' });
      expect(byEmail.body.users.map((user) => user.id)).toContain(provisioned.id);
    });

    it('should treat % and _ in a search as plain characters', async () => {
      const response = await admin(t, { method: 'GET', url: 'users?search=%25' });
      expect(response.body.total).toBe(0);
    });

    it.each([
      ['status=suspended', () => [suspendedOne.id]],
      ['status=active&source=provisioned', () => [provisioned.id]],
      ['source=manual&sort=name&order=asc', () => [manual.id, suspendedOne.id]],
      ['source=deprovisioned', () => []],
    ])('should filter with %s', async (query, expected) => {
      const page = await list(query);
      expect(page.users.map((user) => user.id)).toEqual(expected());
    });

    it('should sort by name both ways and page', async () => {
      const ascending = await list('sort=name&order=asc');
      expect(ascending.users.map((user) => user.firstName)).toEqual(['Ada', 'Bob', 'Émile']);
      const descending = await list('sort=name&order=desc&pageSize=2&page=1');
      expect(descending.users.map((user) => user.firstName)).toEqual(['Émile', 'Bob']);
      const second = await list('sort=name&order=desc&pageSize=2&page=2');
      expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(second.users.map((user) => user.firstName)).toEqual(['Ada']);
    });

    it.each([
      ['pageSize=0', 'pageSize must not be less than 1'],
      ['pageSize=101', 'pageSize must not be greater than 100'],
      ['page=abc', 'page must be an integer number'],
      ['sort=password', 'sort must be one of the following values: name, email, createdAt, updatedAt'],
      ['status=gone', 'status must be one of the following values: active, suspended'],
      ['limit=3', 'property limit should not exist'],
    ])('should answer ?%s with a 400 naming the parameter', async (query, message) => {
      const response = await admin(t, { method: 'GET', url: `users?${query}` });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(message);
    });
  });

  describe('GET /api/admin/users/:id', () => {
    it('should show every Bloomflow field, the stored SCIM attributes and the history, newest first', async () => {
      const body = entraUser({ displayName: 'Test display', title: 'Engineer' });
      const user = await createUser(t, body);
      await t.scim({
        method: 'PATCH',
        url: `Users/${user.id}`,
        body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
      });
      await t.scim({
        method: 'PATCH',
        url: `Users/${user.id}`,
        body: { schemas: [PATCH_OP], Operations: [{ op: 'Frobnicate', path: 'title', value: 'x' }] },
      });
      await t.app.get(FailedRequestRecorder).settled();

      const response = await admin<AdminUserProfile>(t, { method: 'GET', url: `users/${user.id}` });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: user.id,
        userName: body.userName,
        email: body.userName,
        externalId: body.externalId,
        job: 'Engineer',
        suspended: true,
        status: 'suspended',
        scimAttributes: expect.objectContaining({ displayName: 'Test display', externalId: body.externalId }),
      });
      expect(response.body.history.map((event) => [event.operation, event.status])).toEqual([
        ['update', 400],
        ['suspend', 200],
        ['create', 201],
      ]);
      expect(response.body.history[0]).toMatchObject({
        outcome: 'failure',
        error: { scimType: 'invalidSyntax' },
      });
    });

    it('should answer an unknown id with a 404 and a malformed one with a 400', async () => {
      const unknown = await admin(t, { method: 'GET', url: `users/${randomUUID()}` });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual(adminError(404, /not found/));
      const malformed = await admin(t, { method: 'GET', url: 'users/not-a-uuid' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toMatch(/uuid/);
    });
  });

  describe('PATCH /api/admin/users/:id', () => {
    it('should edit, keep userName in step with the email of a hand-made user, and keep SCIM in line', async () => {
      const { body: created } = await admin(t, { method: 'POST', url: 'users', body: handMade() });
      const email = `renamed.${token()}@contoso.com`;
      const response = await admin(t, {
        method: 'PATCH',
        url: `users/${created.id}`,
        body: { email, lastName: 'Smith', job: 'Lead', phone: '' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        email,
        userName: email,
        lastName: 'Smith',
        job: 'Lead',
        phone: null,
      });
      expect(response.body.history[0]).toMatchObject({ operation: 'update' });
      const found = await t.scim({ method: 'GET', url: usersFilterUrl(`userName eq "${email}"`) });
      expect(found.body.Resources[0]).toMatchObject({ title: 'Lead', name: { familyName: 'Smith' } });
    });

    it("should leave a provisioned user's userName alone when the admin changes its email", async () => {
      const body = entraUser();
      const user = await createUser(t, body);
      const email = `other.${token()}@contoso.com`;
      const response = await admin(t, { method: 'PATCH', url: `users/${user.id}`, body: { email } });
      expect(response.body).toMatchObject({ email, userName: body.userName, updatedBy: { type: 'admin' } });
    });

    it('should suspend and restore, recording each as such', async () => {
      const { body: created } = await admin(t, { method: 'POST', url: 'users', body: handMade() });
      const suspended = await admin(t, {
        method: 'PATCH',
        url: `users/${created.id}`,
        body: { suspended: true },
      });
      expect(suspended.body).toMatchObject({ status: 'suspended', suspended: true });
      const restored = await admin<AdminUserProfile>(t, {
        method: 'PATCH',
        url: `users/${created.id}`,
        body: { suspended: false },
      });
      expect(restored.body).toMatchObject({ status: 'active' });
      expect(restored.body.history.map((event) => event.operation)).toEqual(['restore', 'suspend', 'create']);
    });

    it('should edit a user the identity provider deprovisioned', async () => {
      const user = await createUser(t);
      await t.scim({ method: 'DELETE', url: `Users/${user.id}` });
      const response = await admin(t, { method: 'PATCH', url: `users/${user.id}`, body: { job: 'Alumni' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'deprovisioned', job: 'Alumni', provisioned: false });
    });

    it.each([
      [{ firstName: null }, 'firstName must be a string'],
      [{ email: 'nope' }, 'email must be an email address'],
      [{ externalId: 'x' }, 'property externalId should not exist'],
    ])('should answer %j with a 400', async (body, message) => {
      const { body: created } = await admin(t, { method: 'POST', url: 'users', body: handMade() });
      const response = await admin(t, { method: 'PATCH', url: `users/${created.id}`, body });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(message);
    });

    it("should answer a 409 for another user's email and a 404 for an unknown user", async () => {
      const { body: first } = await admin(t, { method: 'POST', url: 'users', body: handMade() });
      const { body: second } = await admin(t, { method: 'POST', url: 'users', body: handMade() });
      const conflict = await admin(t, {
        method: 'PATCH',
        url: `users/${second.id}`,
        body: { email: first.email },
      });
      expect(conflict.status).toBe(409);
      const missing = await admin(t, { method: 'PATCH', url: `users/${randomUUID()}`, body: { job: 'x' } });
      expect(missing.status).toBe(404);
    });
  });

  describe('a hand-made user matched by Entra', () => {
    it('should be found by userName eq, linked by a SCIM PATCH, and show created by the admin, updated by provisioning', async () => {
      const body = handMade();
      const { body: created } = await admin(t, { method: 'POST', url: 'users', body });
      const match = await t.scim({ method: 'GET', url: usersFilterUrl(`userName eq "${body.email}"`) });
      expect((match.body.Resources as { id: string }[]).map((user) => user.id)).toEqual([created.id]);
      const externalId = randomUUID();
      const patched = await t.scim({
        method: 'PATCH',
        url: `Users/${created.id}`,
        body: {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'Add', path: 'externalId', value: externalId },
            { op: 'Replace', path: 'title', value: 'Engineer' },
          ],
        },
      });
      expect(patched.status).toBe(200);

      const profile = await admin(t, { method: 'GET', url: `users/${created.id}` });
      expect(profile.body).toMatchObject({
        externalId,
        provisioned: true,
        job: 'Engineer',
        createdBy: { type: 'admin', label: 'admin' },
        updatedBy: { type: 'provisioning', label: 'configured' },
      });
    });
  });

  describe('DELETE /api/admin/users/:id (erase)', () => {
    it('should delete the row and leave nothing personal in the provisioning events', async () => {
      const body = entraUser({
        name: { givenName: 'Gwendolyn', familyName: 'Erasable' },
        title: 'Archivist',
      });
      const user = await createUser(t, body);
      await t.scim({
        method: 'PATCH',
        url: `Users/${user.id}`,
        body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Curator' }] },
      });

      const response = await admin(t, { method: 'DELETE', url: `users/${user.id}` });

      expect(response.status).toBe(204);
      expect(await userRepository(t).findOneBy({ id: user.id })).toBeNull();
      expect((await admin(t, { method: 'GET', url: `users/${user.id}` })).status).toBe(404);
      expect((await t.scim({ method: 'GET', url: `Users/${user.id}` })).status).toBe(404);
      const events = await admin<ProvisioningEventPage>(t, {
        method: 'GET',
        url: `provisioning-events?resourceId=${user.id}`,
      });
      expect(events.body.events.map((event) => event.operation)).toEqual([
        'read', // the GET above, answered 404
        'erase',
        'update',
        'create',
      ]);
      const trail = JSON.stringify(events.body);
      for (const personal of [
        'Gw',
        'Er***',
        'Cu***',
        'Ar***',
        body.userName as string,
        (body.userName as string).slice(0, 1) + '***@',
      ]) {
        expect(trail).not.toContain(personal);
      }
      expect(events.body.events[2]).toMatchObject({ resourceLabel: null, changes: [{ attribute: 'job' }] });
      expect(events.body.events[1]).toMatchObject({ actor: { type: 'admin' }, status: 204, changes: [] });
    });

    it('should let Entra create the same person again as a new user', async () => {
      const body = entraUser();
      const user = await createUser(t, body);
      await admin(t, { method: 'DELETE', url: `users/${user.id}` });
      const again = await t.scim({ method: 'POST', url: 'Users', body });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(user.id);
    });

    it('should answer an unknown user with a 404', async () => {
      const response = await admin(t, { method: 'DELETE', url: `users/${randomUUID()}` });
      expect(response.status).toBe(404);
    });
  });
});
