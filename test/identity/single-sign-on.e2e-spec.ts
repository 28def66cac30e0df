import request from 'supertest';
import { ADD_CONTACT_METHOD, addVerifiedEmail, TestSmtpServer } from '../support/notifications.fixtures.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { cookiePair, sessionClient, setCookieFor } from '../support/session-client.js';
import { actingAs, startTestApp, type TestApp } from '../support/test-app.js';

const ME = `{ me { actor { id kind responder { name } } role tokenId } }`;

describe('single sign-on through an OpenID provider', () => {
  let idp: TestIdentityProvider;
  let smtp: TestSmtpServer;
  let app: TestApp;
  let ana: string;
  let mia: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    idp = await TestIdentityProvider.start({
      ana: { email: 'ana.diaz@example.com', email_verified: true, preferred_username: 'ana' },
      mia: { email: 'MIA@example.com', email_verified: true },
      eve: { email: 'eve@example.com', email_verified: true },
      bob: { email: 'bob@example.com', email_verified: true },
      unproven: { email: 'ana.diaz@example.com', email_verified: false },
      nomail: {},
    });
    app = await startTestApp({ identity: { oidc: idp.oidcOptions() }, notifications: { smtpUrl: smtp.url } });
    ana = await registerResponder(app, { name: 'Ana Diaz', handle: 'ana', role: 'ENGINEER' });
    mia = await registerResponder(app, { name: 'Mia Chen', handle: 'mia', role: 'MANAGER' });
    const bob = await registerResponder(app, { name: 'Bob Stone', handle: 'bob' });
    await addVerifiedEmail(app, smtp, 'ana', ana, 'ana.diaz@example.com');
    await addVerifiedEmail(app, smtp, 'mia', mia, 'mia@example.com');
    // Bob's address is not verified: it signs nobody in.
    await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: bob, kind: 'EMAIL', address: 'bob@example.com' } },
      actingAs('bob'),
    );
  });

  afterAll(async () => {
    await app.close();
    await idp.close();
    await smtp.down();
  });

  async function beginLogin(headers: Record<string, string> = {}) {
    const response = await request(app.server).get('/auth/login').set(headers);
    expect(response.status).toBe(302);
    const pending = setCookieFor(response, 'ic_oidc');
    return { location: response.headers.location as string, pending: cookiePair(pending), pendingHeader: pending! };
  }

  async function callback(
    login: string,
    tamper: (pending: string, callbackUrl: URL) => [string, URL] = (p, u) => [p, u],
  ) {
    const { location, pending } = await beginLogin();
    const [cookie, url] = tamper(pending, await idp.signIn(location, login));
    return request(app.server).get(`/auth/callback${url.search}`).set('cookie', cookie);
  }

  async function sessionCount(): Promise<number> {
    return (await app.store.readAll()).filter((e) => e.type === 'SessionStarted').length;
  }

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const { location, pendingHeader } = await beginLogin();
    const url = new URL(location);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'incident-coordination',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1/auth/callback',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(pendingHeader).toMatch(/HttpOnly/);
    expect(pendingHeader).toMatch(/SameSite=Lax/);
    expect(pendingHeader).toMatch(/Path=\/auth/);
  });

  it('signs a responder in by their verified e-mail: the session is the bearer path’s identity', async () => {
    const response = await callback('ana');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    const setCookie = setCookieFor(response, 'ic_session')!;
    expect(setCookie).toMatch(/^ic_session=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=43200/);
    expect(setCookie).not.toMatch(/Secure/);

    const browser = await sessionClient(app, cookiePair(setCookie));
    const session = await browser.session();
    expect(session.headers['cache-control']).toBe('no-store');
    expect(session.body).toEqual({
      signedIn: true,
      actor: { id: ana, kind: 'RESPONDER', name: 'Ana Diaz' },
      role: 'responder',
      csrfToken: browser.csrfToken,
      expiresAt: '2026-07-16T00:00:00.000Z',
    });

    const bySession = await browser.gql(ME);
    const byToken = await (await app.as('responder', ana)).ok(ME);
    expect(bySession.status).toBe(200);
    expect(bySession.body.data.me).toEqual({ ...byToken.me, tokenId: null });
    expect(bySession.body.data.me.actor).toEqual({ id: ana, kind: 'RESPONDER', responder: { name: 'Ana Diaz' } });

    // The store keeps the secret's hash only.
    const started = (await app.store.readAll()).filter((e) => e.type === 'SessionStarted').at(-1)!;
    const secret = cookiePair(setCookie).split('.')[1];
    expect(JSON.stringify(started.data)).not.toContain(secret);
    expect(started.data).toMatchObject({ subject: ana, role: 'responder', method: 'oidc', claim: 'email' });
    expect(started.metadata.actor).toBe(ana);
  });

  it('gives a manager the manager role, matching the address without case', async () => {
    const response = await callback('mia');
    const browser = await sessionClient(app, cookiePair(setCookieFor(response, 'ic_session')));
    expect((await browser.session()).body).toMatchObject({ actor: { id: mia, name: 'Mia Chen' }, role: 'manager' });
  });

  it('marks the cookie Secure when the browser came over https', async () => {
    const { location, pending } = await beginLogin({ 'x-forwarded-proto': 'https' });
    const url = await idp.signIn(location, 'ana');
    const response = await request(app.server)
      .get(`/auth/callback${url.search}`)
      .set({ cookie: pending, 'x-forwarded-proto': 'https' });
    expect(setCookieFor(response, 'ic_session')).toMatch(/; Secure/);
  });

  it.each([
    ['eve', 'No responder has the verified e-mail address eve@example.com'],
    ['bob', 'No responder has the verified e-mail address bob@example.com'],
    ['unproven', 'Your identity provider has not verified your e-mail address'],
    ['nomail', 'The identity provider did not say your email'],
  ])('refuses %s with a 403 page and creates nothing', async (login, message) => {
    const before = await sessionCount();
    const response = await callback(login);
    expect(response.status).toBe(403);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain(message);
    expect(response.text).not.toMatch(/at .*\.ts:\d+/);
    expect(setCookieFor(response, 'ic_session')).toBeUndefined();
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an answer whose state is not this browser’s, or with no sign-in pending', async () => {
    const wrongState = await callback('ana', (pending, url) => {
      url.searchParams.set('state', 'another-browsers-state-value');
      return [pending, url];
    });
    expect(wrongState.status).toBe(400);
    expect(wrongState.text).toContain('state mismatch');
    const noPending = await callback('ana', (_pending, url) => ['other=1', url]);
    expect(noPending.status).toBe(400);
    expect(noPending.text).toContain('No sign-in is in progress in this browser');
    expect(setCookieFor(noPending, 'ic_session')).toBeUndefined();
  });

  it('refuses a code redeemed with another PKCE verifier, or an ID token for another nonce', async () => {
    const rewrite = (change: Record<string, string>) => (pending: string, url: URL) => {
      const [name, value] = pending.split('=');
      const login = JSON.parse(Buffer.from(value, 'base64url').toString());
      return [`${name}=${Buffer.from(JSON.stringify({ ...login, ...change })).toString('base64url')}`, url] as [
        string,
        URL,
      ];
    };
    const before = await sessionCount();
    const wrongVerifier = await callback('ana', rewrite({ codeVerifier: 'x'.repeat(43) }));
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.text).toContain('The identity provider refused the sign-in');
    const wrongNonce = await callback('ana', rewrite({ nonce: 'n'.repeat(43) }));
    expect(wrongNonce.status).toBe(400);
    expect(wrongNonce.text).toContain('did not pass its checks');
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a code used twice', async () => {
    const { location, pending } = await beginLogin();
    const url = await idp.signIn(location, 'ana');
    const first = await request(app.server).get(`/auth/callback${url.search}`).set('cookie', pending);
    expect(first.status).toBe(302);
    const again = await request(app.server).get(`/auth/callback${url.search}`).set('cookie', pending);
    expect(again.status).toBe(400);
  });

  it('refuses a pending sign-in older than ten minutes', async () => {
    const { location, pending } = await beginLogin();
    const url = await idp.signIn(location, 'ana');
    app.clock.advance(11 * 60_000);
    const late = await request(app.server).get(`/auth/callback${url.search}`).set('cookie', pending);
    expect(late.status).toBe(400);
    expect(late.text).toContain('took too long');
  });

  it('tells a signed-out browser that single sign-on is offered', async () => {
    const response = await request(app.server).get('/auth/session');
    expect(response.body).toEqual({ signedIn: false, oidc: true });
  });
});

describe('single sign-on matched by another claim', () => {
  it('matches preferred_username to a responder’s handle when configured', async () => {
    const idp = await TestIdentityProvider.start({ someone: { preferred_username: 'ANA' } });
    const app = await startTestApp({
      identity: { oidc: idp.oidcOptions({ claim: 'preferred_username', matchField: 'handle' }) },
    });
    try {
      const ana = await registerResponder(app, { name: 'Ana Diaz', handle: 'ana' });
      const login = await request(app.server).get('/auth/login');
      const url = await idp.signIn(login.headers.location, 'someone');
      const response = await request(app.server)
        .get(`/auth/callback${url.search}`)
        .set('cookie', cookiePair(setCookieFor(login, 'ic_oidc')));
      expect(response.status).toBe(302);
      const browser = await sessionClient(app, cookiePair(setCookieFor(response, 'ic_session')));
      expect((await browser.session()).body.actor).toEqual({ id: ana, kind: 'RESPONDER', name: 'Ana Diaz' });
    } finally {
      await app.close();
      await idp.close();
    }
  });

  it('answers 502 with a message when the provider cannot be reached', async () => {
    const idp = await TestIdentityProvider.start({});
    const issuerUrl = idp.issuer;
    await idp.close();
    const app = await startTestApp({ identity: { oidc: idp.oidcOptions({ issuerUrl }) } });
    try {
      const response = await request(app.server).get('/auth/login');
      expect(response.status).toBe(502);
      expect(response.text).toContain('The identity provider could not be used');
      expect(response.text).toContain('ECONNREFUSED');
    } finally {
      await app.close();
    }
  });
});
