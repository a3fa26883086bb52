import { ADMIN, admin, adminError } from './admin-request';
import { createTestApp, TEST_ADMIN_KEY, TEST_PROVISIONING_KEY, TestApp } from '../support/test-app';

const ADMIN_ROUTES = [
  ['GET', 'users'],
  ['POST', 'users'],
  ['GET', 'users/6f1c2a52-5a3e-4c55-9d0f-0d5ef3a7a0b1'],
  ['PATCH', 'users/6f1c2a52-5a3e-4c55-9d0f-0d5ef3a7a0b1'],
  ['DELETE', 'users/6f1c2a52-5a3e-4c55-9d0f-0d5ef3a7a0b1'],
  ['GET', 'platform'],
  ['GET', 'api-keys'],
  ['POST', 'api-keys'],
  ['POST', 'api-keys/6f1c2a52-5a3e-4c55-9d0f-0d5ef3a7a0b1/rotate'],
  ['DELETE', 'api-keys/6f1c2a52-5a3e-4c55-9d0f-0d5ef3a7a0b1'],
  ['GET', 'provisioning-events'],
] as const;

describe('admin API authentication (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(ADMIN_ROUTES)('should refuse %s /api/admin/%s with a provisioning key', async (method, url) => {
    const response = await admin(t, {
      method,
      url,
      body: method === 'GET' ? undefined : {},
      key: TEST_PROVISIONING_KEY,
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual(adminError(401, 'A valid admin API key is required as a Bearer token.'));
    expect(response.headers['www-authenticate']).toBe('Bearer realm="admin"');
  });

  it.each(ADMIN_ROUTES)('should refuse %s /api/admin/%s without a key', async (method, url) => {
    const response = await admin(t, { method, url, key: null });
    expect(response.status).toBe(401);
  });

  it('should refuse a wrong admin key and a non-bearer scheme', async () => {
    expect((await admin(t, { method: 'GET', url: 'platform', key: `${TEST_ADMIN_KEY}x` })).status).toBe(401);
    const basic = await t.app.inject({
      method: 'GET',
      url: `${ADMIN}/platform`,
      headers: { authorization: `Basic ${TEST_ADMIN_KEY}` },
    });
    expect(basic.statusCode).toBe(401);
  });

  it('should accept the admin key whatever the case of the scheme', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${ADMIN}/platform`,
      headers: { authorization: `bEaReR ${TEST_ADMIN_KEY}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['GET', 'Users'],
    ['POST', 'Users'],
    ['GET', 'ServiceProviderConfig'],
  ] as const)('should refuse the admin key on SCIM %s /%s with a SCIM 401', async (method, url) => {
    const response = await t.scim({
      method,
      url,
      key: TEST_ADMIN_KEY,
      body: method === 'POST' ? {} : undefined,
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: '401' });
  });

  it('should refuse everyone when ADMIN_API_KEY is not set', async () => {
    const withoutAdmin = await createTestApp({ ADMIN_API_KEY: '' });
    try {
      const response = await admin(withoutAdmin, { method: 'GET', url: 'platform' });
      expect(response.status).toBe(401);
    } finally {
      await withoutAdmin.close();
    }
  });

  it('should document the admin API under its own tag and security scheme', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
    const document = JSON.parse(response.body);
    expect(document.components.securitySchemes['admin-key']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.tags).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Admin' })]));
    const operation = document.paths['/api/admin/users'].get;
    expect(operation.tags).toEqual(['Admin']);
    expect(operation.security).toEqual([{ 'admin-key': [] }]);
    expect(document.components.schemas.CreateAdminUserDto.required).toEqual([
      'email',
      'firstName',
      'lastName',
    ]);
  });
});
