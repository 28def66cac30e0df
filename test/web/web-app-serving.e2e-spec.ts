import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { WEB_APP_ROOT } from '../../apps/api/src/web/web-app.middleware.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head></html>';

/** The API serves the built web app at `/` and index.html for the app's own paths, and nothing else changes. */
describe('the web app served by the API', () => {
  let app: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'web-root-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("app")');
    app = await startTestApp({ overrides: [{ provide: WEB_APP_ROOT, useValue: root }] });
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers index.html at / with a content security policy', async () => {
    const response = await request(app.server).get('/').set('accept', 'text/html');
    expect(response.status).toBe(200);
    expect(response.text).toBe(INDEX);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it("answers index.html for the app's own paths so a reload keeps the page", async () => {
    for (const path of ['/escalations', '/escalations/0b9f7f4e-1f43-4c8e-9d4c-7b7e2f9f3a10', '/my-on-call']) {
      const response = await request(app.server).get(path).set('accept', 'text/html,application/xhtml+xml');
      expect({ path, status: response.status, body: response.text }).toEqual({ path, status: 200, body: INDEX });
    }
  });

  it('serves hashed assets with long caching, and 404 for a missing one', async () => {
    const asset = await request(app.server).get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await request(app.server).get('/assets/index-missing.js').set('accept', '*/*');
    expect(missing.status).toBe(404);
  });

  it('leaves the API paths to the API', async () => {
    const console = await request(app.server).get('/graphql').set('accept', 'text/html');
    expect(console.status).toBe(200);
    expect(console.text).not.toBe(INDEX);
    const health = await request(app.server).get('/health/live').set('accept', 'text/html');
    expect(health.status).toBe(200);
    expect(health.text).not.toBe(INDEX);
    const metrics = await request(app.server).get('/metrics');
    expect(metrics.text).not.toBe(INDEX);
    const auth = await request(app.server).get('/auth/session').set('accept', 'text/html');
    expect(auth.text).not.toBe(INDEX);
    const graphql = await app.ok('{ me { role } }');
    expect(graphql.me.role).toBe('ADMIN');
  });

  it('does not answer index.html to non-browser requests or other methods', async () => {
    const json = await request(app.server).get('/no-such-thing').set('accept', 'application/json');
    expect(json.status).toBe(404);
    const post = await request(app.server).post('/').set('accept', 'text/html').send({});
    expect(post.status).toBe(404);
  });
});

describe('the web app when it is not built', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ overrides: [{ provide: WEB_APP_ROOT, useValue: join(tmpdir(), 'no-web-build-here') }] });
  });

  afterAll(() => app.close());

  it('says how to build it', async () => {
    const response = await request(app.server).get('/').set('accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.text).toContain('npm run build');
  });
});
