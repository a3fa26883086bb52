import { randomUUID } from 'node:crypto';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ApiKeyEntity } from '../../src/auth/api-key.entity';
import type { ApiKeyView } from '../../src/admin/admin-views';
import { admin, adminError } from './admin-request';
import { createTestApp, TestApp } from '../support/test-app';

describe('admin API: provisioning keys (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const scimWith = (key: string) => t.scim({ method: 'GET', url: 'Users?count=1', key });
  const create = async (name: string) => {
    const response = await admin(t, { method: 'POST', url: 'api-keys', body: { name } });
    expect(response.status).toBe(201);
    return response.body as { key: { id: string; name: string; prefix: string }; secret: string };
  };

  it('should list keys by name, prefix, dates and status, never their secret or hash', async () => {
    const response = await admin(t, { method: 'GET', url: 'api-keys' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        id: expect.any(String),
        name: 'configured',
        prefix: 'bfk_test-pro',
        status: 'active',
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
        expiresAt: null,
      },
    ]);
  });

  it('should create a key whose secret is shown once and works against SCIM', async () => {
    const { key, secret } = await create('entra-prod');
    expect(secret).toMatch(/^bfk_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: 'entra-prod', prefix: secret.slice(0, 12), status: 'active' });
    expect((await scimWith(secret)).status).toBe(200);
    const listed = (await admin<ApiKeyView[]>(t, { method: 'GET', url: 'api-keys' })).body;
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.find((entry) => entry.id === key.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('should refuse a second key with the same name with a 409', async () => {
    await create('duplicate');
    const response = await admin(t, { method: 'POST', url: 'api-keys', body: { name: 'duplicate' } });
    expect(response.status).toBe(409);
    expect(response.body).toEqual(adminError(409, 'A provisioning key named "duplicate" already exists.'));
  });

  it.each([
    [{}, 'name must be a string'],
    [{ name: '' }, 'name must be longer than or equal to 1 characters'],
    [{ name: 'x'.repeat(101) }, 'name must be shorter than or equal to 100 characters'],
    [{ name: '<script>' }, 'name may hold letters, digits, spaces and . _ @ - only'],
    [{ name: 'ok', secret: 'bfk_mine' }, 'property secret should not exist'],
  ])('should answer %j with a 400 naming the problem', async (body, message) => {
    const response = await admin(t, { method: 'POST', url: 'api-keys', body });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });

  it('should revoke a key: SCIM answers 401 at once, and revoking again changes nothing', async () => {
    const { key, secret } = await create('to-revoke');
    expect((await scimWith(secret)).status).toBe(200);
    const revoked = await admin(t, { method: 'DELETE', url: `api-keys/${key.id}` });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: key.id, status: 'revoked', revokedAt: expect.any(String) });
    expect((await scimWith(secret)).status).toBe(401);
    const again = await admin(t, { method: 'DELETE', url: `api-keys/${key.id}` });
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await admin(t, { method: 'DELETE', url: `api-keys/${randomUUID()}` })).status).toBe(404);
  });

  describe('rotation', () => {
    it('should give a new key and keep the old one working until the expiry set', async () => {
      const { key, secret } = await create('entra');
      const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      const response = await admin(t, {
        method: 'POST',
        url: `api-keys/${key.id}/rotate`,
        body: { previousExpiresAt: until },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        key: { name: 'entra-r2', status: 'active', expiresAt: null },
        secret: expect.stringMatching(/^bfk_/),
        previous: { id: key.id, status: 'expiring', expiresAt: until },
      });
      expect((await scimWith(secret)).status).toBe(200);
      expect((await scimWith(response.body.secret)).status).toBe(200);

      const next = await admin(t, {
        method: 'POST',
        url: `api-keys/${response.body.key.id}/rotate`,
        body: {},
      });
      expect(next.body.key.name).toBe('entra-r3');
    });

    it('should refuse the old key once its expiry has passed', async () => {
      const { key, secret } = await create('short-lived');
      await admin(t, {
        method: 'POST',
        url: `api-keys/${key.id}/rotate`,
        body: { name: 'short-lived-next' },
      });
      // Moving the expiry into the past stands in for waiting for it.
      const keys = t.app.get<Repository<ApiKeyEntity>>(getRepositoryToken(ApiKeyEntity));
      await keys.update({ id: key.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await scimWith(secret)).status).toBe(401);
      const listed = (await admin<ApiKeyView[]>(t, { method: 'GET', url: 'api-keys' })).body;
      expect(listed.find((entry) => entry.id === key.id)?.status).toBe('expired');
      const rotateExpired = await admin(t, { method: 'POST', url: `api-keys/${key.id}/rotate`, body: {} });
      expect(rotateExpired.status).toBe(409);
    });

    it.each([
      [{ previousExpiresAt: 'tomorrow' }, 'previousExpiresAt must be an ISO 8601 date-time'],
      [
        { previousExpiresAt: '2000-01-01T00:00:00Z' },
        'previousExpiresAt must be in the future, within 90 days.',
      ],
      [
        { previousExpiresAt: '2999-01-01T00:00:00Z' },
        'previousExpiresAt must be in the future, within 90 days.',
      ],
      [{ name: 'configured' }, 'A provisioning key named "configured" already exists.'],
    ])('should refuse %j', async (body, message) => {
      const { key } = await create(`rotating-${randomUUID().slice(0, 8)}`);
      const response = await admin(t, { method: 'POST', url: `api-keys/${key.id}/rotate`, body });
      expect(response.status).toBe('name' in body ? 409 : 400);
      expect(response.body.message).toContain(message);
    });

    it('should refuse to rotate a revoked or unknown key', async () => {
      const { key } = await create('revoked-then-rotated');
      await admin(t, { method: 'DELETE', url: `api-keys/${key.id}` });
      expect((await admin(t, { method: 'POST', url: `api-keys/${key.id}/rotate`, body: {} })).status).toBe(
        409,
      );
      expect(
        (await admin(t, { method: 'POST', url: `api-keys/${randomUUID()}/rotate`, body: {} })).status,
      ).toBe(404);
    });
  });
});
