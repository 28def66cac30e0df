import { TestIdentityProvider } from '../support/identity-provider.js';
import { addVerifiedEmail, TestSmtpServer } from '../support/notifications.fixtures.js';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { startBrowserHarness, type BrowserHarness } from './support/browser.js';

/**
 * Single sign-on in the browser through a real OpenID provider (oidc-provider on loopback): the
 * sign-in page's button, the provider's own login and consent pages, back signed in by the
 * session cookie; sign-out ends it. The client's registered redirect is http://127.0.0.1/auth/callback
 * (as behind a proxy on port 80): the test forwards that request to the service's random port.
 */
describe('web: single sign-on', () => {
  let idp: TestIdentityProvider;
  let smtp: TestSmtpServer;
  let harness: BrowserHarness;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    idp = await TestIdentityProvider.start({ ana: { email: 'ana.diaz@example.com', email_verified: true } });
    harness = await startBrowserHarness({
      identity: { oidc: idp.oidcOptions() },
      notifications: { smtpUrl: smtp.url },
    });
    const ana = await registerResponder(harness.app, { name: 'Ana Diaz', handle: 'ana', role: 'ENGINEER' });
    await addVerifiedEmail(harness.app, smtp, 'ana', ana, 'ana.diaz@example.com');
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await idp?.close();
    await smtp?.down();
  });

  it('signs in with the identity provider, keeps the session across a reload, and signs out', async () => {
    const { context, page } = await harness.open();
    await context.route('http://127.0.0.1/auth/callback**', (route) => {
      const callback = new URL(route.request().url());
      return route.fulfill({
        status: 302,
        headers: { location: `${harness.baseUrl}/auth/callback${callback.search}` },
      });
    });
    await page.goto('/');
    await harness.screenshot(page, 'sign-in');
    await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();

    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill('ana');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // consent

    await page.waitForURL(`${harness.baseUrl}/`);
    await page.getByText('Ana Diaz (responder)').waitFor();
    const cookies = await context.cookies(harness.baseUrl);
    const session = cookies.find((cookie) => cookie.name === 'ic_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.reload();
    await page.getByRole('heading', { name: 'On call now' }).waitFor();
    await page.getByRole('link', { name: 'My on-call' }).click();
    await page.getByRole('heading', { name: 'How you are reached' }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'E-mail: ana.diaz@example.com' })
      .getByText('verified')
      .waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Sign in with your identity provider' }).waitFor();
    expect((await context.cookies(harness.baseUrl)).some((cookie) => cookie.name === 'ic_session')).toBe(false);
  });
});
