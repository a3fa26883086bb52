import { buildAdminUi } from '../../scripts/build-admin-ui';
import { createTestApp, TestApp } from '../support/test-app';

/** The admin page's static bundle, served by the app itself (the browser tests drive it). */
describe('admin page at /admin (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    await buildAdminUi();
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should redirect /admin to /admin/, where relative asset URLs resolve', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/admin' });
    expect({ status: response.statusCode, location: response.headers.location }).toEqual({
      status: 301,
      location: '/admin/',
    });
  });

  it('should serve the page with a strict content security policy and no caching surprises', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/admin/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<script type="module" src="main.js"></script>');
    expect(response.headers).toMatchObject({
      'content-security-policy': expect.stringContaining(
        "default-src 'none'; script-src 'self'; style-src 'self'",
      ),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
  });

  it.each([
    ['main.js', /javascript/],
    ['admin.css', /text\/css/],
  ])('should serve the bundled %s, built from TypeScript with no external reference', async (file, type) => {
    const response = await t.app.inject({ method: 'GET', url: `/admin/${file}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(type);
    expect(response.body).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('should answer an unknown asset with a 404 and need no key for the page itself', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/admin/nope.js' })).statusCode).toBe(404);
  });
});
