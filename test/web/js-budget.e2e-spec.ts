import { gzipSync } from 'node:zlib';
import { startBrowserHarness, type BrowserHarness } from './support/browser.js';

/** Lighthouse-style budget: the first page's JavaScript under 300 KB gzipped. */
const BUDGET_BYTES = 300 * 1024;

describe('web: the JavaScript budget of the first page', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  }, 60_000);

  afterAll(() => harness?.close());

  async function gzippedSize(path: string): Promise<number> {
    const response = await fetch(new URL(path, harness.baseUrl));
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
  }

  it("keeps index.html's entry script and its module preloads under 300 KB gzipped", async () => {
    const html = await (await fetch(new URL('/', harness.baseUrl), { headers: { accept: 'text/html' } })).text();
    const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((match) => match[1]!);
    const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
    expect(entries).toHaveLength(1);
    const sizes = await Promise.all(
      [...entries, ...preloads].map(async (path) => [path, await gzippedSize(path)] as const),
    );
    const total = sizes.reduce((sum, [, size]) => sum + size, 0);
    process.stdout.write(
      `first page, static: ${sizes.map(([path, size]) => `${path} ${(size / 1024).toFixed(1)} KB`).join(', ')}; total ${(total / 1024).toFixed(1)} KB gzipped (budget 300 KB)\n`,
    );
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('keeps every script the browser loads for the signed-in Now page under 300 KB gzipped', async () => {
    const { token } = await harness.app.as('admin', 'budget-admin');
    const { page } = await harness.open();
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
    });
    await page.goto('/');
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'On call now' }).waitFor();
    await page.waitForLoadState('networkidle');
    const paths = [...scripts];
    expect(paths.some((path) => path.includes('now-page'))).toBe(true);
    const sizes = await Promise.all(paths.map(gzippedSize));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    process.stdout.write(
      `first page, loaded: ${paths.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped (budget 300 KB)\n`,
    );
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('loads each other page as its own chunk, only when visited', async () => {
    const html = await (await fetch(new URL('/', harness.baseUrl), { headers: { accept: 'text/html' } })).text();
    for (const page of ['schedules', 'my-on-call', 'escalations', 'handovers', 'rapid-actions', 'figures'])
      expect({ page, inIndex: html.includes(`${page}-page`) }).toEqual({ page, inIndex: false });
  });
});
