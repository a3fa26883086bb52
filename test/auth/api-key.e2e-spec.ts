import { PROVISIONING_SECURITY_SCHEME } from '../../src/auth/authenticated.decorator';
import { createHash, randomBytes } from 'node:crypto';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ApiKeyEntity } from '../../src/auth/api-key.entity';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { entraExamples } from '../../src/scim/users/entra-examples';
import { createTestApp, SCIM, TEST_ADMIN_KEY, TEST_PROVISIONING_KEY, TestApp } from '../support/test-app';
import {
  createUser,
  entraUser,
  expectScimError,
  token,
  userRepository,
  usersFilterUrl,
} from '../support/scim-fixtures';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('Provisioning API key authentication (e2e)', () => {
  let t: TestApp;
  let apiKeys: ApiKeysService;

  beforeAll(async () => {
    t = await createTestApp();
    apiKeys = t.app.get(ApiKeysService);
  });

  afterAll(async () => {
    await t.close();
  });

  /** A fresh key of its own: name and secret. */
  async function newKey(label = 'entra'): Promise<{ name: string; secret: string }> {
    const name = `${label}-${token()}`;
    const { secret } = await apiKeys.create(name);
    return { name, secret };
  }

  function withAuthorization(authorization: string | undefined, method: Method = 'GET', url = 'Users') {
    return t.scim({
      method,
      url,
      key: null,
      headers: authorization === undefined ? {} : { authorization },
    });
  }

  /** The 401 every refusal must be: same status, header and body, whatever the reason. */
  function expectRefused(response: Awaited<ReturnType<TestApp['scim']>>): void {
    expectScimError(response, 401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
  }

  describe('refused requests', () => {
    it.each([
      ['no Authorization header', () => undefined],
      ['an empty Authorization header', () => ''],
      ['the Basic scheme', () => `Basic ${Buffer.from(`entra:${TEST_PROVISIONING_KEY}`).toString('base64')}`],
      ['another scheme with the right key', () => `Token ${TEST_PROVISIONING_KEY}`],
      ['the right key without a scheme', () => TEST_PROVISIONING_KEY],
      ['"Bearer" without a key', () => 'Bearer'],
      ['"Bearer " and blanks', () => 'Bearer    '],
      ['a key followed by more words', () => `Bearer ${TEST_PROVISIONING_KEY} extra`],
      ['characters outside b64token', () => `Bearer ${TEST_PROVISIONING_KEY}!`],
      ['an unknown key', () => `Bearer bfk_${randomBytes(32).toString('base64url')}`],
      ['the right key with one character more', () => `Bearer ${TEST_PROVISIONING_KEY}x`],
      ['the right key in another case', () => `Bearer ${TEST_PROVISIONING_KEY.toUpperCase()}`],
      ['the admin key', () => `Bearer ${TEST_ADMIN_KEY}`],
    ])('should refuse %s with a 401 SCIM error and WWW-Authenticate: Bearer', async (_, authorization) => {
      const response = await withAuthorization(authorization());

      expectRefused(response);
    });

    it('should refuse a revoked key exactly like a missing one', async () => {
      const { name, secret } = await newKey('revoked');
      const before = await withAuthorization(`Bearer ${secret}`);
      await expect(apiKeys.revoke(name)).resolves.toBe(true);

      const revoked = await withAuthorization(`Bearer ${secret}`);
      const missing = await withAuthorization(undefined);

      expect(before.status).toBe(200);
      expectRefused(revoked);
      expect(revoked.body).toEqual(missing.body);
      expect(revoked.headers['www-authenticate']).toBe(missing.headers['www-authenticate']);
    });

    it('should give the same body and header to every refusal, so a caller learns nothing', async () => {
      const responses = await Promise.all(
        [
          undefined,
          'Basic abc',
          'Bearer',
          `Bearer bfk_${randomBytes(32).toString('base64url')}`,
          'Bearer a b',
        ].map((header) => withAuthorization(header)),
      );

      const shapes = responses.map((response) => ({
        status: response.status,
        body: response.raw.body,
        challenge: response.headers['www-authenticate'],
      }));

      expect(new Set(shapes.map((shape) => JSON.stringify(shape))).size).toBe(1);
    });

    it.each([
      ['GET', 'Users'],
      ['GET', 'Users/{id}'],
      ['POST', 'Users'],
      ['PUT', 'Users/{id}'],
      ['PATCH', 'Users/{id}'],
      ['DELETE', 'Users/{id}'],
      ['GET', 'ServiceProviderConfig'],
      ['GET', 'Schemas'],
      ['GET', 'ResourceTypes'],
    ] as const)('should guard %s /%s', async (method, path) => {
      const { id } = await createUser(t);
      const url = path.replace('{id}', id);
      const body = method === 'GET' || method === 'DELETE' ? undefined : entraUser();

      const response = await t.scim({ method, url, key: null, body });
      const read = await t.scim({ method: 'GET', url: `Users/${id}` });

      expectRefused(response);
      expect(read.status).toBe(200);

      expectRefused(response);
    });

    it('should store nothing for a refused POST', async () => {
      const body = entraUser();

      const response = await t.scim({
        method: 'POST',
        url: 'Users',
        body,
        key: `bfk_${randomBytes(32).toString('base64url')}`,
      });
      const found = await t.scim({
        method: 'GET',
        url: usersFilterUrl(`userName eq "${body.userName as string}"`),
      });

      expectRefused(response);
      expect(found.body.totalResults).toBe(0);
    });
  });

  describe('accepted requests', () => {
    it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])(
      'should accept the scheme spelled %s (RFC 6750: case-insensitive)',
      async (scheme) => {
        const response = await withAuthorization(`${scheme} ${TEST_PROVISIONING_KEY}`);

        expect(response.status).toBe(200);
      },
    );

    it('should accept a key created at run time, and stop accepting it once revoked', async () => {
      const { name, secret } = await newKey();

      const before = await t.scim({ method: 'GET', url: 'Users', key: secret });
      await apiKeys.revoke(name);
      const after = await t.scim({ method: 'GET', url: 'Users', key: secret });

      expect(before.status).toBe(200);
      expect(after.status).toBe(401);
    });

    it('should set lastUsedAt of the key used', async () => {
      const { name, secret } = await newKey();
      const listed = async () => (await apiKeys.list()).find((key) => key.name === name);
      await expect(listed()).resolves.toMatchObject({ lastUsedAt: null });
      const start = Date.now();

      await t.scim({ method: 'GET', url: 'Users', key: secret });

      const key = await listed();
      expect(key?.lastUsedAt).toBeInstanceOf(Date);
      expect(key?.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(start - 1000);
      expect(key?.lastUsedAt?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('should leave lastUsedAt of a revoked key alone when it is tried', async () => {
      const { name, secret } = await newKey();
      await apiKeys.revoke(name);

      await t.scim({ method: 'GET', url: 'Users', key: secret });

      await expect(apiKeys.list()).resolves.toContainEqual(
        expect.objectContaining({ name, lastUsedAt: null }),
      );
    });
  });

  describe('audit fields', () => {
    it('should set createdBy and updatedBy to provisioning:<key name> of the key that created the user', async () => {
      const { name, secret } = await newKey('entra-prod');

      const created = await t.scim({ method: 'POST', url: 'Users', body: entraUser(), key: secret });

      expect(created.status).toBe(201);
      await expect(userRepository(t).findOneByOrFail({ id: created.body.id })).resolves.toMatchObject({
        createdBy: `provisioning:${name}`,
        updatedBy: `provisioning:${name}`,
      });
    });

    type Write = (user: Record<string, unknown> & { id: string }, key: string) => Promise<{ status: number }>;
    const writes: [string, number, Write][] = [
      [
        'PUT',
        200,
        (user, key) =>
          t.scim({ method: 'PUT', url: `Users/${user.id}`, body: { ...user, title: 'Replaced' }, key }),
      ],
      [
        'PATCH',
        200,
        (user, key) =>
          t.scim({
            method: 'PATCH',
            url: `Users/${user.id}`,
            body: {
              schemas: [PATCH_OP_SCHEMA],
              Operations: [{ op: 'Replace', path: 'title', value: 'Patched' }],
            },
            key,
          }),
      ],
      ['DELETE', 204, (user, key) => t.scim({ method: 'DELETE', url: `Users/${user.id}`, key })],
      [
        'POST reviving a deleted user',
        201,
        async (user, key) => {
          await t.scim({ method: 'DELETE', url: `Users/${user.id}` });
          return t.scim({ method: 'POST', url: 'Users', body: user, key });
        },
      ],
    ];

    it.each(writes)(
      'should set updatedBy, and only updatedBy, to the key of a %s',
      async (_, status, write) => {
        const { name, secret } = await newKey('writer');
        // Created with the test app's key, registered as "configured".
        const user = await createUser(t);

        const response = await write(user, secret);

        expect(response.status).toBe(status);
        await expect(userRepository(t).findOneByOrFail({ id: user.id })).resolves.toMatchObject({
          createdBy: 'provisioning:configured',
          updatedBy: `provisioning:${name}`,
        });
      },
    );

    it('should not expose the audit fields in the SCIM body', async () => {
      const { name, secret } = await newKey();

      const created = await t.scim({ method: 'POST', url: 'Users', body: entraUser(), key: secret });

      expect(created.raw.body).not.toContain(name);
    });
  });

  describe('key storage', () => {
    it('should store only the SHA-256 hash and a display prefix of a new key', async () => {
      const { name, secret } = await newKey();
      const repository = t.app.get<Repository<ApiKeyEntity>>(getRepositoryToken(ApiKeyEntity));

      const row = await repository.findOneByOrFail({ name });

      expect(secret).toMatch(/^bfk_[A-Za-z0-9_-]{43,}$/);
      expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(secret.startsWith(row.prefix)).toBe(true);
      expect(row.prefix.length).toBeLessThan(secret.length / 2);
      expect(JSON.stringify(row)).not.toContain(secret);
    });

    it('should create keys that differ from each other', async () => {
      const keys = await Promise.all([newKey(), newKey(), newKey()]);

      expect(new Set(keys.map((key) => key.secret)).size).toBe(3);
    });
  });

  describe('outside the SCIM auth', () => {
    it.each(['/health/live', '/health/ready'])('should answer %s with 200 without any key', async (url) => {
      const response = await t.app.inject({ method: 'GET', url });

      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ status: 'ok' });
    });

    it('should report the database in /health/ready', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/health/ready' });

      expect(JSON.parse(response.body)).toMatchObject({ details: { database: { status: 'up' } } });
    });

    it('should serve the Swagger UI at /docs without any key', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/docs' });

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    });
  });

  describe('/docs/openapi.json', () => {
    let document: {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[]; requestBody?: unknown }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
    };

    beforeAll(async () => {
      const response = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
      expect(response.statusCode).toBe(200);
      document = JSON.parse(response.body);
    });

    it.each([
      ['/Users', ['get', 'post']],
      ['/Users/{id}', ['get', 'put', 'patch', 'delete']],
      ['/ServiceProviderConfig', ['get']],
      ['/Schemas', ['get']],
      ['/Schemas/{id}', ['get']],
      ['/ResourceTypes', ['get']],
      ['/ResourceTypes/{id}', ['get']],
    ])('should list %s with %j, guarded by the bearer scheme', (path, methods) => {
      const operations = document.paths[`${SCIM}${path}`];
      const scheme = document.components.securitySchemes[PROVISIONING_SECURITY_SCHEME];

      expect(Object.keys(operations ?? {})).toEqual(expect.arrayContaining(methods));
      expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
      for (const method of methods) {
        expect(operations[method].security).toEqual([{ [PROVISIONING_SECURITY_SCHEME]: [] }]);
      }
    });

    it("should show Entra's real create payload as the POST /Users example", () => {
      const body = JSON.stringify(document.paths[`${SCIM}/Users`].post.requestBody);

      expect(body).toContain(JSON.stringify(entraExamples.createUser));
    });

    it('should not put the health probes behind the key', () => {
      expect(document.paths['/health/live'].get.security).toBeUndefined();
      expect(document.paths['/health/ready'].get.security).toBeUndefined();
    });
  });
});
