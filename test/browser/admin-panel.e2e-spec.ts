import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { admin } from '../admin/admin-request';
import { createUser, entraUser, token, usersFilterUrl } from '../support/scim-fixtures';
import { createTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import {
  Browser,
  buildAdminPage,
  describeInBrowser,
  inPage,
  launchChromium,
  listen,
  screenshot,
} from './browser-harness';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

jest.setTimeout(30_000);

describeInBrowser('admin panel in Chromium (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    await buildAdminPage();
    t = await createTestApp();
    baseUrl = await listen(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    // A new tab: its session storage starts empty, like a new browser session.
    page = await browser.context.newPage();
    // Fail on the step that waits, well before Jest's own timeout.
    page.setDefaultTimeout(8_000);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterEach(async () => {
    await page.close();
  });

  const signIn = async (): Promise<void> => {
    await page.goto(`${baseUrl}/admin`);
    await page.getByLabel('Admin API key').fill(TEST_ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Users' }).waitFor();
  };

  const openTab = async (name: string): Promise<void> => {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
  };

  const userRow = (email: string) => page.locator('.users-table tbody tr', { hasText: email });

  it('should refuse a wrong key, then sign in with the admin key kept in session storage only', async () => {
    await page.goto(`${baseUrl}/admin`);
    expect(page.url()).toBe(`${baseUrl}/admin/`);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Admin API key').fill('not-the-admin-key-0123456789abcdefghij');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('This key was refused');

    await page.getByLabel('Admin API key').fill(TEST_ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Users' }).waitFor();

    const storage = await inPage(
      page,
      "({ session: sessionStorage.getItem('bloomflow.adminKey'), local: localStorage.length, cookies: document.cookie })",
    );
    expect(storage).toEqual({ session: TEST_ADMIN_KEY, local: 0, cookies: '' });
    expect(page.url()).not.toContain(TEST_ADMIN_KEY);
    await page.reload();
    await page.getByRole('tab', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin API key').waitFor();
    await expect(inPage(page, "sessionStorage.getItem('bloomflow.adminKey')")).resolves.toBeNull();
  });

  it('should serve the page with a strict content security policy', async () => {
    const response = await page.goto(`${baseUrl}/admin/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
  });

  it('should show a SCIM-provisioned user with the provisioning icon in both columns and a hand-made user without', async () => {
    const provisioned = entraUser();
    await createUser(t, provisioned);
    const handMadeEmail = `ada.${token()}@contoso.com`;
    await signIn();

    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Email').fill(handMadeEmail);
    await dialog.getByLabel('First name').fill('Ada');
    await dialog.getByLabel('Last name').fill('Lovelace');
    await dialog.getByLabel('Job title').fill('Analyst');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('heading', { level: 2, name: 'Ada Lovelace' }).waitFor();

    await openTab('Users');
    const provisionedRow = userRow(provisioned.userName as string);
    await provisionedRow.waitFor();
    for (const column of ['.created-by', '.updated-by']) {
      const cell = provisionedRow.locator(column);
      await expect(cell.locator('svg.provisioning-icon').count()).resolves.toBe(1);
      await expect(cell.locator('svg.provisioning-icon').getAttribute('aria-label')).resolves.toBe(
        'Provisioning key configured',
      );
      await expect(cell.locator('.actor').getAttribute('title')).resolves.toBe(
        'Provisioned through the key “configured”',
      );
    }
    const handMadeRow = userRow(handMadeEmail);
    await expect(handMadeRow.locator('svg.provisioning-icon').count()).resolves.toBe(0);
    await expect(handMadeRow.locator('.created-by').textContent()).resolves.toBe('Admin');
    await expect(handMadeRow.locator('.updated-by').textContent()).resolves.toBe('Admin');
    await screenshot(page, '02-users');

    await page.getByLabel('Search by name or email').fill('lovelace');
    await expect(page.locator('.users-table tbody tr').count()).resolves.toBeGreaterThan(0);
    // The page's CSP forbids eval, so waits go through locators, not waitForFunction.
    await page.locator('.users-table tbody tr').nth(1).waitFor({ state: 'detached' });
    await expect(page.locator('.users-table tbody tr').first().textContent()).resolves.toContain(
      handMadeEmail,
    );
  });

  it('should show a hand-made user later matched and updated through SCIM as created by the admin, updated by provisioning', async () => {
    const email = `grace.${token()}@contoso.com`;
    const created = await admin(t, {
      method: 'POST',
      url: 'users',
      body: { email, firstName: 'Grace', lastName: 'Hopper' },
    });
    const match = await t.scim({ method: 'GET', url: usersFilterUrl(`userName eq "${email}"`) });
    expect(match.body.totalResults).toBe(1);
    const patched = await t.scim({
      method: 'PATCH',
      url: `Users/${match.body.Resources[0].id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Add', path: 'externalId', value: randomUUID() },
          { op: 'Replace', path: 'title', value: 'Rear Admiral' },
        ],
      },
    });
    expect(patched.status).toBe(200);
    await signIn();

    const row = userRow(email);
    await row.waitFor();
    await expect(row.locator('.created-by svg.provisioning-icon').count()).resolves.toBe(0);
    await expect(row.locator('.created-by').textContent()).resolves.toBe('Admin');
    await expect(row.locator('.updated-by svg.provisioning-icon').count()).resolves.toBe(1);

    await row.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('heading', { level: 2, name: 'Grace Hopper' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/admin/#/users/${created.body.id}`);
    const fields = page.locator('dl.fields');
    await expect(fields.textContent()).resolves.toContain('Rear Admiral');
    const history = page.locator('.events-table tbody tr');
    await expect(history.count()).resolves.toBe(2);
    await expect(history.first().textContent()).resolves.toContain('Update');
    await expect(history.first().locator('svg.provisioning-icon').count()).resolves.toBe(1);
    await page.getByText('SCIM attributes stored for this user').click();
    await expect(page.locator('details.scim-attributes pre').textContent()).resolves.toContain(
      '"title": "Rear Admiral"',
    );
    await screenshot(page, '03-user-profile');
  });

  it('should show the tenant URL on Platform Info, with a working copy button', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await signIn();
    await openTab('Platform Info');

    await expect(page.getByLabel('Tenant URL', { exact: true }).inputValue()).resolves.toBe(
      'https://api.acme.bloomflow.com/api/public/scim',
    );
    await expect(page.locator('#client-id').textContent()).resolves.toBe('acme');
    await page.getByRole('button', { name: 'Copy Tenant URL' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'copied' }).textContent()).resolves.toContain(
      'Tenant URL copied',
    );
    await expect(inPage(page, 'navigator.clipboard.readText()')).resolves.toBe(
      'https://api.acme.bloomflow.com/api/public/scim',
    );
    await expect(
      page.getByRole('list', { name: 'Connect Microsoft Entra ID' }).textContent(),
    ).resolves.toContain('userPrincipalName');
    await screenshot(page, '04-platform-info');
  });

  it('should show a new key’s secret once, the key working against SCIM until it is revoked', async () => {
    await signIn();
    await openTab('Provisioning keys');
    await page.getByLabel('Name of the new key').fill('entra-browser');
    await page.getByRole('button', { name: 'Create key' }).click();

    const secretInput = page.getByLabel('Secret', { exact: true });
    const secret = await secretInput.inputValue();
    expect(secret).toMatch(/^bfk_/);
    await expect(page.getByText('it is shown this once').count()).resolves.toBe(1);
    expect((await t.scim({ method: 'GET', url: 'Users?count=1', key: secret })).status).toBe(200);
    await screenshot(page, '05-provisioning-keys-secret');

    await page.getByRole('button', { name: 'Done' }).click();
    await expect(secretInput.count()).resolves.toBe(0);
    await page.reload();
    await page.locator('.keys-table').waitFor();
    expect(await page.content()).not.toContain(secret);
    const row = page.locator('.keys-table tbody tr', { hasText: 'entra-browser' });
    await expect(row.textContent()).resolves.toContain(secret.slice(0, 12));

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke entra-browser' }).click();
    await row.locator('.badge-revoked').waitFor();
    expect((await t.scim({ method: 'GET', url: 'Users?count=1', key: secret })).status).toBe(401);
    await screenshot(page, '06-provisioning-keys');
  });

  it('should rotate a key: the new secret is shown and both keys work until the old one expires', async () => {
    const created = await admin(t, { method: 'POST', url: 'api-keys', body: { name: 'entra-rotating' } });
    await signIn();
    await openTab('Provisioning keys');
    await page.getByRole('button', { name: 'Rotate entra-rotating' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “entra-rotating”' });
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    const secret = await page.getByLabel('Secret', { exact: true }).inputValue();
    expect((await t.scim({ method: 'GET', url: 'Users?count=1', key: secret })).status).toBe(200);
    expect((await t.scim({ method: 'GET', url: 'Users?count=1', key: created.body.secret })).status).toBe(
      200,
    );
    const oldRow = page.locator('.keys-table tbody tr', { hasText: 'entra-rotating' }).first();
    await oldRow.locator('.badge-expiring').waitFor();
  });

  it('should list the activity newest first with errors highlighted', async () => {
    await t.scim({ method: 'GET', url: 'Users', key: 'bfk_unknown-key' });
    await signIn();
    await openTab('Activity');
    const rows = page.locator('.events-table tbody tr');
    await rows.first().waitFor();
    await expect(rows.first().getAttribute('class')).resolves.toBe('event-failure');
    await expect(rows.first().textContent()).resolves.toContain('Error 401');
    await expect(page.locator('tr.event-success').count()).resolves.toBeGreaterThan(0);
    const times = await inPage<string[]>(
      page,
      "[...document.querySelectorAll('.events-table tbody time')].map((time) => time.getAttribute('datetime'))",
    );
    expect(times).toEqual([...times].sort().reverse());

    await page.getByLabel('Result').selectOption('failure');
    await page.locator('.events-table tr.event-success').first().waitFor({ state: 'detached' });
    await screenshot(page, '07-activity');
  });

  it('should move between tabs with the arrow keys', async () => {
    await signIn();
    await page.getByRole('tab', { name: 'Users' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 2, name: 'Platform Info' }).waitFor();
    await expect(
      page.getByRole('tab', { name: 'Platform Info' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await page.keyboard.press('End');
    await page.getByRole('heading', { level: 2, name: 'Activity' }).waitFor();
  });

  it('should fit a phone-width screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn();
    await page.locator('.users-table tbody tr').first().waitFor();
    for (const tab of ['Users', 'Platform Info', 'Provisioning keys', 'Activity']) {
      await openTab(tab);
      await page.waitForLoadState('networkidle');
      const overflow = await inPage(page, 'document.documentElement.scrollWidth - window.innerWidth');
      expect({ tab, overflow }).toEqual({ tab, overflow: 0 });
      await screenshot(page, `08-phone-${tab.toLowerCase().replace(/ /g, '-')}`);
    }
  });
});
