import request from 'supertest';
import { SessionAuthenticator } from '@app/identity';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { cookiePair, sessionClient, setCookieFor, type SessionClient } from '../support/session-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ME = `{ me { actor { id kind operator { name } responder { name } } role tokenId } }`;
const REGISTER = `mutation($h: String!) {
  registerResponder(input: { name: "Eve", handle: $h, timeZone: "UTC", team: "x", role: ENGINEER }) { id } }`;
const ISSUE = `mutation($s: String!, $r: Role!, $k: TokenSubjectKind!) {
  issueApiToken(input: { subjectKind: $k, subject: $s, role: $r, label: "browser", expiresInDays: 30 }) { token apiToken { id } } }`;

describe('browser sessions: API-token sign-in, CSRF, sign-out, expiry, revocation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ identity: { sessionTtlHours: 8 } });
  });

  afterAll(() => app.close());

  async function signInWith(token: string): Promise<SessionClient> {
    const response = await request(app.server).post('/auth/token').send({ token });
    expect(response.status).toBe(200);
    return sessionClient(app, cookiePair(setCookieFor(response, 'ic_session')));
  }

  async function issue(subject: string, role: string, kind: string) {
    const { issueApiToken } = await app.ok(ISSUE, { s: subject, r: role, k: kind });
    return { token: issueApiToken.token as string, tokenId: issueApiToken.apiToken.id as string };
  }

  const respondersNamed = async (handle: string) =>
    (await app.store.readAll()).filter((e) => e.type === 'ResponderRegistered' && e.data.handle === handle).length;

  it('turns an API token into a session with the token’s identity', async () => {
    const response = await request(app.server).post('/auth/token').send({ token: app.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      signedIn: true,
      actor: { id: 'test-admin', kind: 'OPERATOR', name: 'test-admin' },
      role: 'admin',
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: '2026-07-15T20:00:00.000Z',
    });
    const setCookie = setCookieFor(response, 'ic_session')!;
    expect(setCookie).toMatch(/; Max-Age=28800; Path=\/; .*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);

    const browser = await sessionClient(app, cookiePair(setCookie));
    expect(browser.csrfToken).toBe(response.body.csrfToken);
    const bySession = (await browser.gql(ME)).body.data.me;
    expect(bySession).toEqual((await app.ok(ME)).me);
  });

  it('refuses a bad token, an integration token and a body that is not JSON, with a message', async () => {
    const bad = await request(app.server).post('/auth/token').send({ token: 'not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ message: 'The token is not valid', code: 'UNAUTHENTICATED' });
    expect(setCookieFor(bad, 'ic_session')).toBeUndefined();
    const integration = await issue('prometheus', 'INTEGRATION', 'INTEGRATION');
    const refused = await request(app.server).post('/auth/token').send({ token: integration.token });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('An integration token cannot sign a browser in');
    const form = await request(app.server).post('/auth/token').type('form').send({ token: app.token });
    expect(form.status).toBe(415);
    const missing = await request(app.server).post('/auth/token').send({ tokens: app.token });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('token');
  });

  it('needs the session’s CSRF token on a cookie-authenticated POST; a bearer token needs none', async () => {
    const browser = await signInWith(app.token);
    for (const csrf of [false, 'x'.repeat(43), ''] as const) {
      const refused = await browser.gql(REGISTER, { csrf, variables: { h: 'eve-csrf' } });
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(refused.body.errors[0].message).toContain('x-csrf-token');
    }
    const other = await signInWith(app.token);
    const crossed = await browser.gql(REGISTER, { csrf: other.csrfToken, variables: { h: 'eve-csrf' } });
    expect(crossed.status).toBe(403);
    expect(await respondersNamed('eve-csrf')).toBe(0);

    const accepted = await browser.gql(REGISTER, { variables: { h: 'eve-csrf' } });
    expect(accepted.body.errors).toBeUndefined();
    expect(await respondersNamed('eve-csrf')).toBe(1);

    // A query over GET changes nothing: no CSRF token needed.
    const read = await request(app.server)
      .get('/graphql')
      .query({ query: '{ me { role } }' })
      .set({ cookie: browser.cookie, 'apollo-require-preflight': 'true' });
    expect(read.body.data).toEqual({ me: { role: 'ADMIN' } });

    // The bearer path is unchanged, even with a cookie beside it.
    const bearer = await request(app.server)
      .post('/graphql')
      .set({ authorization: `Bearer ${app.token}`, cookie: browser.cookie })
      .send({ query: '{ me { role } }' });
    expect(bearer.body.data).toEqual({ me: { role: 'ADMIN' } });
  });

  it('signs out: the session is refused from the next request on and the cookie is cleared', async () => {
    const browser = await signInWith(app.token);
    const ended: string[] = [];
    const unsubscribe = app.app.get(SessionAuthenticator).onSessionEnded((id) => ended.push(id));
    const sessionId = browser.cookie.split('=')[1].split('.')[0];
    expect(await app.app.get(SessionAuthenticator).isSessionActive(sessionId)).toBe(true);

    const noCsrf = await browser.logout(false);
    expect(noCsrf.status).toBe(403);
    expect((await browser.session()).body.signedIn).toBe(true);

    const out = await browser.logout();
    expect(out.status).toBe(204);
    expect(setCookieFor(out, 'ic_session')).toMatch(/^ic_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect(ended).toEqual([sessionId]);
    unsubscribe();
    expect(await app.app.get(SessionAuthenticator).isSessionActive(sessionId)).toBe(false);

    expect((await browser.session()).body).toEqual({ signedIn: false, oidc: false });
    const after = await browser.gql(ME);
    expect(after.status).toBe(401);
    expect(after.body.errors[0]).toMatchObject({
      message: 'The session has ended; sign in again',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const again = await browser.logout();
    expect(again.status).toBe(401);
    expect(again.body.message).toBe('The session has ended; sign in again');
    expect(setCookieFor(again, 'ic_session')).toMatch(/^ic_session=; /);
    expect(setCookieFor(noCsrf, 'ic_session')).toBeUndefined();
    const [event] = (await app.store.readStream(`session-${sessionId}`)).slice(-1);
    expect(event).toMatchObject({ type: 'SessionEnded', data: { reason: 'signed-out' } });
  });

  it('expires after SESSION_TTL_HOURS on the service’s clock', async () => {
    const start = app.clock.now();
    const browser = await signInWith(app.token);
    app.clock.set(new Date(start.getTime() + 8 * 3_600_000 - 1000));
    expect((await browser.gql(ME)).status).toBe(200);
    app.clock.set(new Date(start.getTime() + 8 * 3_600_000));
    const expired = await browser.gql(ME);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].message).toBe('The session has expired; sign in again');
    expect((await browser.session()).body.signedIn).toBe(false);
    const sessionId = browser.cookie.split('=')[1].split('.')[0];
    expect(await app.app.get(SessionAuthenticator).isSessionActive(sessionId)).toBe(false);
    app.clock.set(start);
  });

  it('refuses a session whose API token was revoked, and a deactivated responder’s', async () => {
    const ana = await registerResponder(app, { name: 'Ana Diaz', handle: 'ana-revoked' });
    const anas = await issue(ana, 'RESPONDER', 'RESPONDER');
    const browser = await signInWith(anas.token);
    const ended: string[] = [];
    const unsubscribe = app.app.get(SessionAuthenticator).onSessionEnded((id) => ended.push(id));
    expect((await browser.gql(ME)).body.data.me).toMatchObject({
      actor: { id: ana, kind: 'RESPONDER' },
      role: 'RESPONDER',
      tokenId: anas.tokenId,
    });
    await app.ok(`mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "lost laptop") { revokedAt } }`, {
      t: anas.tokenId,
    });
    const revoked = await browser.gql(ME);
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].message).toBe('The API token this session was signed in with has been revoked');
    expect(ended).toEqual([browser.cookie.split('=')[1].split('.')[0]]);
    unsubscribe();

    const bo = await registerResponder(app, { name: 'Bo', handle: 'bo-deactivated', timeZone: 'UTC' });
    app.clock.set('2026-07-15T20:00:00Z');
    const bos = await signInWith((await issue(bo, 'RESPONDER', 'RESPONDER')).token);
    await app.ok(
      `mutation($id: ID!) { deactivateResponder(input: { responderId: $id, fromDate: "2026-07-16" }) { responder { id } } }`,
      { id: bo },
    );
    expect((await bos.gql(ME)).status).toBe(200);
    app.clock.set('2026-07-16T00:00:00Z');
    const deactivated = await bos.gql(ME);
    expect(deactivated.status).toBe(401);
    expect(deactivated.body.errors[0].message).toBe('The session’s responder has been deactivated');
  });

  it('refuses a forged or altered cookie', async () => {
    const browser = await signInWith(app.token);
    const [sessionId, secret] = browser.cookie.slice('ic_session='.length).split('.');
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const cookie of [`ic_session=${sessionId}.${altered}`, `ic_session=${crypto.randomUUID()}.${secret}`]) {
      const response = await request(app.server)
        .post('/graphql')
        .set({ cookie, 'x-csrf-token': browser.csrfToken })
        .send({ query: ME });
      expect(response.status).toBe(401);
      expect(response.body.errors[0].message).toBe('The session is not valid; sign in again');
    }
    const malformed = await request(app.server).post('/graphql').set({ cookie: 'ic_session=abc' }).send({ query: ME });
    expect(malformed.status).toBe(401);
    expect(malformed.body.errors[0].message).toBe('The session cookie is not valid; sign in again');
    expect(await app.app.get(SessionAuthenticator).authenticateCookieHeader(`ic_session=${sessionId}.${altered}`)).toBe(
      null,
    );
    const identity = await app.app.get(SessionAuthenticator).authenticateCookieHeader(`a=1; ${browser.cookie}`);
    expect(identity?.context).toMatchObject({ actor: 'test-admin', role: 'admin', sessionId });
  });

  it('offers no single sign-on when no issuer is configured', async () => {
    const login = await request(app.server).get('/auth/login');
    expect(login.status).toBe(404);
    expect(login.text).toContain('Single sign-on is not configured here');
    expect((await request(app.server).get('/auth/session')).body).toEqual({ signedIn: false, oidc: false });
    const callback = await request(app.server).get('/auth/callback?code=x&state=y');
    expect(callback.status).toBe(400);
    expect(callback.text).toContain('Single sign-on is not configured');
  });
});
