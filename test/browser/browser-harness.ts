import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildAdminUi } from '../../scripts/build-admin-ui';
import { testDatabaseKind } from '../support/test-database';
import type { TestApp } from '../support/test-app';

/** Debian's Chromium (`apt-get install -y chromium`); .ci/run installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `skipped: ${CHROMIUM_PATH} is absent (apt-get install -y chromium)`;

/** `describe` when Chromium is installed; otherwise the suite is skipped and says why. */
export function describeInBrowser(name: string, suite: () => void): void {
  if (CHROMIUM_AVAILABLE) return describe(name, suite);
  console.warn(`Browser tests "${name}" ${SKIP_REASON}.`);
  describe.skip(`${name} (${SKIP_REASON})`, suite);
}

export interface Browser {
  readonly context: BrowserContext;
  readonly close: () => Promise<void>;
}

/**
 * One Chromium per test file, with a fresh profile. Playwright refuses --user-data-dir among
 * launch arguments: a persistent context on a new temporary folder is the same thing.
 */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'bloomflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The admin page's bundle, built from the current sources, as the server will serve it. */
export async function buildAdminPage(): Promise<void> {
  await buildAdminUi();
}

/** Starts the test app on a free local port; the browser talks HTTP to it. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('The test app has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots', testDatabaseKind());

/** Saves a screenshot as a CI artifact (artifacts/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Evaluates a JavaScript expression in the page. A string, not a function: the tests compile
 * without the DOM library, which would otherwise leak browser globals into the server's types.
 */
export function inPage<T = unknown>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}
