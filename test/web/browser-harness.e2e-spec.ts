import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBrowserAndBuild, WEB_BUILD } from './support/browser.js';

/** The browser tests never pass without a browser: they fail saying what is missing (in CI and anywhere else). */
describe('the browser-test harness', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('fails, naming the path and the package, when Chromium is missing', () => {
    process.env.CI = 'true';
    expect(() => requireBrowserAndBuild('/nonexistent/chromium', WEB_BUILD)).toThrow(
      'The browser tests need Chromium at /nonexistent/chromium, which is missing in CI: install it with `apt-get install -y chromium`',
    );
    delete process.env.CI;
    expect(() => requireBrowserAndBuild('/nonexistent/chromium', WEB_BUILD)).toThrow(
      'The browser tests need Chromium at /nonexistent/chromium, which is missing: install it',
    );
  });

  it('fails when the web app is not built', () => {
    const nowhere = join(tmpdir(), 'no-web-build');
    expect(() => requireBrowserAndBuild(process.execPath, nowhere)).toThrow(
      `The browser tests need the built web app in ${nowhere}: run \`npm run build:web\`.`,
    );
  });
});
