import { createClient } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { ManualClock } from '@app/core';
import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { listen, until } from '../support/live-client.js';
import { cookiePair, sessionClient, setCookieFor } from '../support/session-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ESCALATION_CHANGED = `subscription($id: ID) { escalationChanged(id: $id) { id pages { nodes { state } } } }`;

const clients: Array<ReturnType<typeof createClient>> = [];

/** A browser's graphql-ws connection: the session cookie and the page's Origin on the upgrade. */
function browserClient(url: string, headers: Record<string, string>) {
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    const client = createClient({
      url,
      lazy: false,
      retryAttempts: 0,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      on: { closed: (event) => resolve(event as { code: number; reason: string }) },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
  });
  const client = clients[clients.length - 1];
  const results: unknown[] = [];
  return {
    closed,
    results,
    subscribe: (variables: Record<string, unknown>) =>
      client.subscribe(
        { query: ESCALATION_CHANGED, variables },
        { next: (result) => void results.push(result), error: () => undefined, complete: () => undefined },
      ),
  };
}

describe('live updates for a browser signed in with a session cookie', () => {
  let app: TestApp;
  let url: string;
  let origin: string;
  let setup: DevelopmentSetup;
  let cookie: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: new ManualClock('2026-07-15T09:00:00Z') });
    setup = await setUpDevelopmentEscalation(app);
    url = await listen(app);
    origin = url.replace('ws://', 'http://').replace('/graphql', '');
    const signIn = await request(app.server).post('/auth/token').send({ token: app.token });
    cookie = cookiePair(setCookieFor(signIn, 'ic_session'));
  }, 60_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(() => app.close());

  it('delivers changes on a connection from the service’s own page', async () => {
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: 'Disk filling on build agents',
      rotationId: setup.devRotation,
    });
    const browser = browserClient(url, { cookie, origin });
    browser.subscribe({ id: raised.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('dev-a'));
    await until(() => browser.results.length > 0, 'the acknowledgement to be delivered');
    expect(browser.results[0]).toMatchObject({
      data: { escalationChanged: { id: raised.id, pages: { nodes: [{ state: 'ACKNOWLEDGED' }] } } },
    });
  });

  it('refuses the cookie from another site’s page (4401), and a connection without Origin', async () => {
    const foreign = browserClient(url, { cookie, origin: 'https://attacker.example' });
    expect(await foreign.closed).toMatchObject({ code: 4401, reason: expect.stringContaining('Origin') });
    const noOrigin = browserClient(url, { cookie });
    expect((await noOrigin.closed).code).toBe(4401);
  });

  it('closes the connection with 4403 when the session signs out', async () => {
    const signIn = await request(app.server).post('/auth/token').send({ token: app.token });
    const own = cookiePair(setCookieFor(signIn, 'ic_session'));
    const browser = browserClient(url, { cookie: own, origin });
    browser.subscribe({});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const session = await sessionClient(app, own);
    expect((await session.logout()).status).toBe(204);
    expect(await browser.closed).toMatchObject({ code: 4403 });
  });
});
