import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WEB_APP_ROOT } from '../../../apps/api/src/web/web-app.middleware.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app.js';

/** Debian's Chromium (`.ci/run` installs the `chromium` package); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_BUILD = resolve('dist/web');
export const SCREENSHOTS = resolve('test-output/screenshots');
export const PHONE = { width: 390, height: 844 };

export interface BrowserHarness {
  app: TestApp;
  /** http://127.0.0.1:PORT, the real API serving the built web app */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) with one page; its clock reads the app's clock. */
  open(options?: { viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; page: Page }>;
  /** Opens a context and signs in through the sign-in page with a new API token for `role`/`subject`. */
  signIn(
    role: Parameters<TestApp['as']>[0],
    subject?: string,
    options?: { viewport?: { width: number; height: number } },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** Writes test-output/screenshots/NAME.png (the whole page) */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Fails with what to do when the browser or the build is missing: the browser tests never pass
 * without a browser (in CI or anywhere else).
 */
export function requireBrowserAndBuild(chromiumPath = CHROMIUM_PATH, webBuild = WEB_BUILD): void {
  if (!existsSync(chromiumPath))
    throw new Error(
      `The browser tests need Chromium at ${chromiumPath}, which is missing${process.env.CI === 'true' ? ' in CI' : ''}: ` +
        'install it with `apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).',
    );
  if (!existsSync(join(webBuild, 'index.html')))
    throw new Error(`The browser tests need the built web app in ${webBuild}: run \`npm run build:web\`.`);
}

/**
 * The real application (test/support/test-app.ts: every module, in-memory store, ManualClock)
 * listening on 127.0.0.1 on a random port and serving dist/web, with headless Chromium driven
 * by playwright-core.
 */
export async function startBrowserHarness(options: TestAppOptions = {}): Promise<BrowserHarness> {
  requireBrowserAndBuild();
  const app = await startTestApp({
    ...options,
    overrides: [{ provide: WEB_APP_ROOT, useValue: WEB_BUILD }, ...(options.overrides ?? [])],
  });
  await new Promise<void>((done, fail) => {
    app.server.once('error', fail);
    app.server.listen(0, '127.0.0.1', () => done());
  });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];

  async function open(openOptions: { viewport?: { width: number; height: number } } = {}) {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: openOptions.viewport ?? { width: 1280, height: 900 },
      timezoneId: 'America/New_York',
      locale: 'en-GB',
    });
    contexts.push(context);
    // Shorter than jest's 30 s, so a missing element fails with the locator that found nothing
    context.setDefaultTimeout(10_000);
    await context.clock.setFixedTime(app.clock.now());
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[browser page error] ${error.message}\n`));
    return { context, page };
  }

  return {
    app,
    baseUrl,
    browser,
    open,
    async signIn(role, subject, signInOptions) {
      const client = await app.as(role, subject);
      const opened = await open(signInOptions);
      await opened.page.goto('/');
      await opened.page.getByLabel('API token').fill(client.token);
      await opened.page.getByRole('button', { name: 'Sign in' }).click();
      await opened.page.getByRole('button', { name: 'Sign out' }).waitFor();
      return opened;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
    },
  };
}
