import request from 'supertest';
import { alert, createKey, notification, setUpAlertRotation, trigger } from '../support/integrations.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * 900 hostile requests to the alert endpoints from a seeded generator (the same on every run):
 * valid-looking events with one thing broken, random garbage, wrong types, deep nesting, broken
 * and oversized bodies, and unknown keys. Every answer must be a 4xx with a JSON message (never a
 * 500, never a stack trace), and the event log must not move.
 */
const REQUESTS = 900;

function generator(seed: number) {
  const { next, int, pick } = seededRandom(seed);
  const text = (length: number) =>
    Array.from({ length }, () => String.fromCharCode(pick([0, 9, 34, 39, 60, 92, 65 + int(26), 0x263a, 0xd83d]))).join(
      '',
    );
  const junk = (depth = 0): unknown => {
    switch (int(depth > 3 ? 5 : 8)) {
      case 0:
        return null;
      case 1:
        return int(1e9) - 5e8;
      case 2:
        return text(int(40));
      case 3:
        return next() < 0.5;
      case 4:
        return -0.5 + next();
      case 5:
        return Array.from({ length: int(4) }, () => junk(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(4) }, () => [text(int(8)), junk(depth + 1)]));
    }
  };
  return { int, pick, text, junk };
}

type Hostile = { path: string; method: 'post' | 'put'; body: string | object; type?: string };

describe('fuzzing the alert endpoints with hostile requests', () => {
  let app: TestApp;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const { rotationId } = await setUpAlertRotation(app, 'fuzz-sre');
    for (const kind of ['EVENTS_V2', 'ALERTMANAGER', 'GRAFANA']) {
      keys[kind] = (await createKey(app, { name: `fuzz ${kind}`, kind, rotationId })).key;
    }
  });

  afterAll(() => app.close());

  function hostile(g: ReturnType<typeof generator>): Hostile {
    const v2 = keys.EVENTS_V2;
    const breakEvent: Array<() => object> = [
      () => ({ ...trigger(v2), routing_key: g.junk() }),
      () => ({ ...trigger(v2), routing_key: g.text(32) }),
      () => ({ ...trigger(v2), event_action: g.pick([g.text(6), 'Trigger', 'escalate', 1, null, []]) }),
      () => ({ ...trigger(v2), payload: g.pick([null, 'x', 7, [], g.junk()]) }),
      () => trigger(v2, {}, { summary: g.pick(['', 1, null, {}, 'x'.repeat(1025 + g.int(3000))]) }),
      () => trigger(v2, {}, { severity: g.pick(['CRITICAL', 'fatal', '', 3, null]) }),
      () => trigger(v2, {}, { source: g.pick(['', 5, null, []]) }),
      () => trigger(v2, {}, { timestamp: g.pick(['yesterday', 5, '2026-13-45T99:00:00Z']) }),
      () => trigger(v2, { dedup_key: g.pick(['', 12, {}, 'k'.repeat(256 + g.int(100))]) }),
      () =>
        trigger(v2, {
          links: g.pick(['x', [{ href: 5 }], [null], {}, [{ text: 'no href' }]]),
        }),
      () => trigger(v2, { images: [{ alt: g.text(5) }] }),
      () => ({
        routing_key: v2,
        event_action: g.pick(['acknowledge', 'resolve']),
        dedup_key: g.pick([undefined, '', 4]),
      }),
      () => [trigger(v2)],
    ];
    const webhookKey = (kind: string) => (g.int(10) === 0 ? g.text(32).replace(/[/?#%]/g, 'a') : keys[kind]);
    const breakNotification: Array<() => object> = [
      () => ({ ...notification([alert('f')]), alerts: g.pick(['x', 1, null, {}]) }),
      () => notification([g.pick(['x', 1, null, []])]),
      () => notification([alert('f', { fingerprint: g.pick(['', 1, null, 'f'.repeat(256)]) })]),
      () => notification([alert('f', { status: g.pick(['pending', '', 1]) })]),
      () => notification([alert('f', { labels: g.pick(['x', [1], { a: 1 }, { a: null }]) })]),
      () => notification([alert('f', { annotations: { summary: 'x'.repeat(5000) } })]),
      () => notification(Array.from({ length: 1001 }, (_, i) => alert(`f${i}`))),
      () => [notification([alert('f')])],
    ];
    const kind = g.pick(['EVENTS_V2', 'ALERTMANAGER', 'GRAFANA']);
    const path = kind === 'EVENTS_V2' ? '/v2/enqueue' : `/integrations/${kind.toLowerCase()}/${webhookKey(kind)}`;
    const method = kind === 'GRAFANA' && g.int(2) === 0 ? 'put' : 'post';
    switch (g.int(6)) {
      case 0:
        return { path, method, body: g.text(g.int(200)), type: g.pick(['application/json', 'text/plain']) };
      case 1:
        return {
          path,
          method,
          body: JSON.stringify(g.junk()).slice(0, -1 - g.int(3)) || '{',
          type: 'application/json',
        };
      case 2: {
        let deep: unknown = 'x';
        for (let i = 0; i < 2000 + g.int(3000); i++) deep = [deep];
        return { path, method, body: JSON.stringify({ routing_key: keys.EVENTS_V2, alerts: deep, payload: deep }) };
      }
      case 3:
        return { path, method, body: { padding: 'x'.repeat(520 * 1024 + g.int(100_000)), ...trigger(keys.EVENTS_V2) } };
      default:
        return { path, method, body: kind === 'EVENTS_V2' ? g.pick(breakEvent)() : g.pick(breakNotification)() };
    }
  }

  it(`answers ${REQUESTS} hostile requests with 4xx and appends nothing`, async () => {
    const g = generator(20261201);
    const before = await app.store.headPosition();
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const h = hostile(g);
      let call = request(app.server)[h.method](h.path);
      if (h.type) call = call.set('content-type', h.type);
      else if (typeof h.body === 'string') call = call.set('content-type', 'application/json');
      const response = await call.send(h.body);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status < 400 || response.status >= 500) {
        throw new Error(
          `Request ${i} to ${h.path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
        );
      }
      expect(typeof response.body.message).toBe('string');
      expect(response.text).not.toMatch(/at .+\.(js|ts):\d+/);
    }
    expect(await app.store.headPosition()).toBe(before);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 404, 413]));
  }, 120_000);
});
