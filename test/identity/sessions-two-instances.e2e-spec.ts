import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ManualClock } from '@app/core';
import { SessionAuthenticator } from '@app/identity';
import { cookiePair, sessionClient, setCookieFor } from '../support/session-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ME = `{ me { actor { id } role } }`;

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a session on two instances of the service on one store', () => {
  let dir: string;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sessions-two-'));
    const store = { sqlitePath: join(dir, 'events.sqlite'), readModelPath: join(dir, 'one.sqlite') };
    one = await startTestApp({ store });
    two = await startTestApp({
      clock: new ManualClock(one.clock.now()),
      store: { ...store, readModelPath: join(dir, 'two.sqlite') },
    });
  });

  afterAll(async () => {
    await two.close();
    await one.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is accepted by the other instance at once, and refused there once signed out on the first', async () => {
    const signedIn = await request(one.server).post('/auth/token').send({ token: one.token });
    expect(signedIn.status).toBe(200);
    const cookie = cookiePair(setCookieFor(signedIn, 'ic_session'));
    const sessionId = cookie.split('=')[1].split('.')[0];
    const ended: string[] = [];
    two.app.get(SessionAuthenticator).onSessionEnded((id) => ended.push(id));

    const onTwo = await request(two.server)
      .post('/graphql')
      .set({ cookie, 'x-csrf-token': signedIn.body.csrfToken })
      .send({ query: ME });
    expect(onTwo.status).toBe(200);
    expect(onTwo.body.data.me).toEqual({ actor: { id: 'test-admin' }, role: 'ADMIN' });

    expect((await (await sessionClient(one, cookie)).logout()).status).toBe(204);
    await waitUntil(async () => ended.includes(sessionId));
    const refused = await request(two.server)
      .post('/graphql')
      .set({ cookie, 'x-csrf-token': signedIn.body.csrfToken })
      .send({ query: ME });
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].message).toBe('The session has ended; sign in again');
    expect(await two.app.get(SessionAuthenticator).isSessionActive(sessionId)).toBe(false);
  });
});
