import { FailedRequestRecorder } from '../../src/audit/failed-request-recorder';
import type { ProvisioningEventPage } from '../../src/admin/admin-views';
import { admin } from './admin-request';
import { createUser, entraUser } from '../support/scim-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('admin API: platform info and provisioning activity (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('GET /api/admin/platform', () => {
    it('should show the CLIENT_ID, the tenant URL and no provisioning yet on a fresh database', async () => {
      const response = await admin(t, { method: 'GET', url: 'platform' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        clientId: 'acme',
        publicUrl: 'https://api.acme.bloomflow.com',
        tenantUrl: 'https://api.acme.bloomflow.com/api/public/scim',
        docsUrl: 'https://api.acme.bloomflow.com/docs',
        counts: { users: 0, provisioned: 0, suspended: 0, deprovisioned: 0 },
        lastProvisioningRequestAt: null,
      });
    });

    it('should count users and give the time of the last provisioning request', async () => {
      const before = Date.now();
      const kept = await createUser(t);
      const suspended = await createUser(t, entraUser({ active: false }));
      const removed = await createUser(t);
      await t.scim({ method: 'DELETE', url: `Users/${removed.id}` });
      await admin(t, {
        method: 'POST',
        url: 'users',
        body: { email: 'hand@contoso.com', firstName: 'H', lastName: 'M' },
      });

      const { body } = await admin(t, { method: 'GET', url: 'platform' });

      expect(kept.id).toBeDefined();
      expect(suspended.active).toBe(false);
      expect(body.counts).toEqual({ users: 4, provisioned: 2, suspended: 2, deprovisioned: 1 });
      expect(Date.parse(body.lastProvisioningRequestAt)).toBeGreaterThanOrEqual(before - 1000);
    });
  });

  describe('GET /api/admin/provisioning-events', () => {
    let keyId: string;
    let userId: string;
    let start: string;

    beforeAll(async () => {
      start = new Date().toISOString();
      userId = (await createUser(t)).id;
      await t.scim({ method: 'GET', url: 'Users/00000000-0000-4000-8000-000000000000' });
      await t.scim({ method: 'GET', url: 'Users', key: 'bfk_not-a-key' });
      await t.app.get(FailedRequestRecorder).settled();
      const keys = (await admin(t, { method: 'GET', url: 'api-keys' })).body as {
        id: string;
        name: string;
      }[];
      keyId = keys.find((key) => key.name === 'configured')!.id;
    });

    const events = async (query: string): Promise<ProvisioningEventPage> => {
      const response = await admin<ProvisioningEventPage>(t, {
        method: 'GET',
        url: `provisioning-events?${query}`,
      });
      expect(response.status).toBe(200);
      return response.body;
    };

    it('should list events newest first with actor, operation, status and masked changes', async () => {
      const page = await events(`from=${start}`);
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(page.events.map((event) => [event.operation, event.status])).toEqual([
        ['read', 401],
        ['read', 404],
        ['create', 201],
      ]);
      expect(page.events[0]).toMatchObject({
        actor: null,
        outcome: 'failure',
        request: { method: 'GET', path: '/api/public/scim/Users' },
      });
      expect(page.events[1]).toMatchObject({
        actor: { type: 'provisioning', id: keyId, label: 'configured' },
        resourceType: 'User',
        resourceId: '00000000-0000-4000-8000-000000000000',
        error: { scimType: null, detail: expect.stringContaining('not found') },
      });
      expect(page.events[2]).toMatchObject({
        resourceId: userId,
        resourceLabel: expect.stringMatching(/^T\*\*\*@t\*\*\*\.com$/),
        outcome: 'success',
        error: null,
        changes: expect.arrayContaining([
          { attribute: 'firstName', before: null, after: expect.stringMatching(/\*\*\*$/) },
        ]),
      });
    });

    it.each([
      ['outcome=failure', [401, 404]],
      ['status=404', [404]],
      ['outcome=success&resourceType=User', [201]],
    ])('should filter with %s', async (query, statuses) => {
      const page = await events(`from=${start}&${query}`);
      expect(page.events.map((event) => event.status)).toEqual(statuses);
    });

    it('should filter by key, resource and time range', async () => {
      expect((await events(`from=${start}&keyId=${keyId}`)).total).toBe(2);
      expect((await events(`resourceId=${userId}`)).events.map((event) => event.operation)).toEqual([
        'create',
      ]);
      expect((await events('to=2000-01-01T00:00:00Z')).total).toBe(0);
    });

    it('should page', async () => {
      const first = await events(`from=${start}&pageSize=2`);
      const second = await events(`from=${start}&pageSize=2&page=2`);
      expect(first.events).toHaveLength(2);
      expect(second.events).toHaveLength(1);
      expect(second.events[0].id).toBeLessThan(first.events[1].id);
    });

    it.each([
      ['from=yesterday', 'from must be an ISO 8601 date-time'],
      ['status=abc', 'status must be an integer number'],
      ['outcome=maybe', 'outcome must be one of the following values: success, failure'],
      ['pageSize=500', 'pageSize must not be greater than 200'],
      ['resourceType=Robot', 'resourceType must be one of the following values: User'],
    ])('should answer ?%s with a 400 naming the parameter', async (query, message) => {
      const response = await admin(t, { method: 'GET', url: `provisioning-events?${query}` });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(message);
    });
  });
});
