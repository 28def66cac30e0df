import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import request from 'supertest';
import { EventStoreDBClient, binaryEvent, jsonEvent, type EventData } from '@eventstore/db-client';
import { EsdbGrpcDouble } from '@app/event-store/testing';
import { REGISTER_RESPONDER, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ME = `{ me { actor { id } role } }`;
const PROJECTIONS = `{ projections { name position state caughtUp skippedEvents skippedByReason { reason count }
  failure { eventId streamId type position error attempts } } }`;

/** Metadata shaped like the service's own, for events that are foreign in another way. */
const serviceLikeMetadata = () => ({
  actor: 'someone-else',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2026-07-15T12:00:00.000Z',
  schemaVersion: 1,
});

/** One of each kind of event another client may write: none of them is the service's. */
function junk(n: number): Array<{ stream: string; event: EventData }> {
  return [
    { stream: `orders-${n}`, event: binaryEvent({ type: 'OrderBlob', data: Buffer.from([0, 1, 2, n % 256]) }) },
    { stream: `orders-${n}`, event: jsonEvent({ type: 'OrderPlaced', data: { n } }) },
    {
      stream: `orders-${n}`,
      event: jsonEvent({ type: 'OrderShipped', data: { n }, metadata: { $correlationId: randomUUID() } }),
    },
    {
      stream: `orders-${n}`,
      event: jsonEvent({ type: 'order.cancelled', data: { n }, metadata: serviceLikeMetadata() }),
    },
    {
      stream: `orders-${n}`,
      event: jsonEvent({ type: 'OrderNoted', data: 'just a string' as never, metadata: serviceLikeMetadata() }),
    },
    {
      stream: `orders-${n}`,
      event: jsonEvent({ type: '$metadata', data: { $maxAge: 60 }, metadata: serviceLikeMetadata() }),
    },
    { stream: `$ce-orders`, event: jsonEvent({ type: 'OrderPlaced', data: { n }, metadata: serviceLikeMetadata() }) },
    {
      stream: `responder-${randomUUID()}`,
      event: jsonEvent({ type: 'ResponderRegistered', data: { n }, metadata: { source: 'another service' } }),
    },
  ];
}

async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The service on EventStoreDB (the gRPC double) while another client, the real
 * @eventstore/db-client, writes events the service did not write into the same store: binary
 * data, JSON without metadata or with someone else's, unknown types, `$` types and `$` streams.
 */
describe('events written by other clients (EventStoreDB through the gRPC double)', () => {
  let double: EsdbGrpcDouble;
  let app: TestApp;
  let other: EventStoreDBClient;

  beforeAll(async () => {
    double = await EsdbGrpcDouble.start();
    other = EventStoreDBClient.connectionString(double.connectionString);
    app = await startTestApp({ store: { connectionString: double.connectionString } });
  });

  afterAll(async () => {
    await app.close();
    await other.dispose();
    await double.stop();
  });

  it('are skipped and counted while every projection keeps up, every query answers and a revocation holds', async () => {
    const before = await registerResponder(app, { handle: 'foreign-before' });
    const issued = await app.ok(
      `mutation($s: String!) { issueApiToken(input: { subjectKind: RESPONDER, subject: $s, role: RESPONDER, label: "laptop", expiresInDays: 30 }) { token apiToken { id } } }`,
      { s: before },
    );
    const bearer = `Bearer ${issued.issueApiToken.token}`;
    expect((await request(app.server).post('/graphql').set('authorization', bearer).send({ query: ME })).status).toBe(
      200,
    );

    let writing = true;
    let appended = 0;
    const writer = (async () => {
      for (let n = 0; writing || n < 3; n++) {
        for (const { stream, event } of junk(n)) await other.appendToStream(stream, event);
        for (let i = 0; i < 5; i++) double.appendSystemEvent();
        appended += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const latencies: number[] = [];
    const registered: string[] = [];
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      const response = await app.gql(REGISTER_RESPONDER, {
        input: {
          name: `Foreign ${i}`,
          handle: `foreign-${i}`,
          timeZone: 'Europe/Paris',
          team: 'support',
          role: 'ENGINEER',
        },
      });
      latencies.push(Date.now() - started);
      expect(response.errors).toBeUndefined();
      registered.push(response.data.registerResponder.id);
    }
    await app.ok(`mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "lost laptop") { revokedAt } }`, {
      t: issued.issueApiToken.apiToken.id,
    });
    const revoked = await request(app.server).post('/graphql').set('authorization', bearer).send({ query: ME });
    writing = false;
    await writer;

    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].message).toBe('The token has been revoked');
    expect(Math.max(...latencies)).toBeLessThan(2000);
    expect(appended).toBeGreaterThanOrEqual(3);

    const responders = await app.ok(`{ responders(first: 100) { nodes { id } } }`);
    expect(responders.responders.nodes.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([before, ...registered]),
    );
    for (const query of [
      `{ rotations { nodes { id } } }`,
      `{ openEscalations { totalCount } }`,
      `{ apiTokens { nodes { id } } }`,
    ]) {
      expect((await app.gql(query)).errors).toBeUndefined();
    }

    const head = await app.store.headPosition();
    await eventually(async () => {
      const { projections } = await app.ok(PROJECTIONS);
      return projections.every((p: { position: string }) => p.position === String(head));
    }, 'every projection at the head');
    const { projections } = await app.ok(PROJECTIONS);
    expect(projections.length).toBeGreaterThan(5);
    for (const projection of projections) {
      expect(projection).toMatchObject({ state: 'running', caughtUp: true, failure: null });
      const reasons = Object.fromEntries(
        projection.skippedByReason.map((r: { reason: string; count: number }) => [r.reason, r.count]),
      );
      expect(reasons).toEqual({
        NOT_JSON: 2 * appended,
        NO_METADATA: appended,
        FOREIGN_METADATA: 2 * appended,
        UNKNOWN_TYPE: appended,
        SYSTEM_TYPE: appended,
      });
      expect(projection.skippedEvents).toBe(7 * appended);
    }
    expect((await app.store.readAll()).filter((e) => e.streamId.startsWith('orders-'))).toEqual([]);

    expect((await request(app.server).get('/health/ready')).status).toBe(200);
    const metrics = await request(app.server).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain(
      `projection_skipped_events_total{projection="api-tokens",reason="not-json"} ${2 * appended}`,
    );
    expect(metrics.text).toContain('projections_ready 1');
  });
});

/**
 * An event shaped like the service's own (its metadata, a known type) whose data a read model
 * cannot apply: that read model says which event it is stuck on and keeps serving reads, the
 * others go on, and readiness (not liveness) fails.
 */
describe('a read model stuck on an event (EventStoreDB through the gRPC double)', () => {
  let double: EsdbGrpcDouble;
  let app: TestApp;
  let other: EventStoreDBClient;

  beforeAll(async () => {
    double = await EsdbGrpcDouble.start();
    other = EventStoreDBClient.connectionString(double.connectionString);
    app = await startTestApp({ store: { connectionString: double.connectionString } });
  });

  afterAll(async () => {
    await app.close();
    await other.dispose();
    await double.stop();
  });

  it('reports the event in readiness, metrics and the projections query while reads and the other read models go on', async () => {
    const alice = await registerResponder(app, { handle: 'stuck-alice' });
    expect((await request(app.server).get('/health/ready')).status).toBe(200);
    const poisonId = randomUUID();
    const poisonStream = `responder-${randomUUID()}`;
    await other.appendToStream(
      poisonStream,
      jsonEvent({ id: poisonId, type: 'ResponderRegistered', data: {}, metadata: serviceLikeMetadata() }),
    );
    const [poison] = await app.store.readStream(poisonStream);

    await eventually(async () => (await request(app.server).get('/health/ready')).status === 503, 'readiness to fail');
    const ready = await request(app.server).get('/health/ready');
    const stuck = ready.body.details.projections.stuck as Array<Record<string, unknown>>;
    expect(stuck.length).toBeGreaterThan(0);
    for (const entry of stuck) {
      expect(entry).toMatchObject({
        eventId: poisonId,
        streamId: poisonStream,
        type: 'ResponderRegistered',
        position: String(poison.position),
        error: expect.any(String),
      });
    }
    expect(ready.body.details.eventStore.status).toBe('up');
    expect((await request(app.server).get('/health')).status).toBe(503);
    const live = await request(app.server).get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');

    const started = Date.now();
    const issued = await app.ok(
      `mutation($s: String!) { issueApiToken(input: { subjectKind: RESPONDER, subject: $s, role: RESPONDER, label: "phone", expiresInDays: 30 }) { token apiToken { id } } }`,
      { s: alice },
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const bearer = `Bearer ${issued.issueApiToken.token}`;
    const me = await request(app.server).post('/graphql').set('authorization', bearer).send({ query: ME });
    expect(me.body.data.me.actor.id).toBe(alice);
    await app.ok(`mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "lost phone") { revokedAt } }`, {
      t: issued.issueApiToken.apiToken.id,
    });
    expect((await request(app.server).post('/graphql').set('authorization', bearer).send({ query: ME })).status).toBe(
      401,
    );
    const responders = await app.gql(`{ responders(first: 100) { nodes { id handle } } }`);
    expect(responders.errors).toBeUndefined();
    expect(responders.data.responders.nodes.map((r: { id: string }) => r.id)).toContain(alice);

    const stuckNames = stuck.map((entry) => entry.name);
    const head = await app.store.headPosition();
    const { projections } = await app.ok(PROJECTIONS);
    for (const projection of projections) {
      if (stuckNames.includes(projection.name)) {
        expect(projection).toMatchObject({
          state: 'failed',
          failure: { eventId: poisonId, streamId: poisonStream, type: 'ResponderRegistered' },
        });
        expect(BigInt(projection.position)).toBeLessThan(poison.position);
      } else {
        expect(projection).toMatchObject({ state: 'running', failure: null, position: String(head) });
      }
    }
    expect(stuckNames.length).toBeLessThan(projections.length);
    const history = await app.ok(`query($id: ID!) { auditTrail(kind: "api-token", id: $id) { nodes { type } } }`, {
      id: issued.issueApiToken.apiToken.id,
    });
    expect(history.auditTrail.nodes.map((e: { type: string }) => e.type)).toEqual([
      'ApiTokenIssued',
      'ApiTokenRevoked',
    ]);

    const metrics = (await request(app.server).get('/metrics')).text;
    expect(metrics).toContain('projections_ready 0');
    expect(metrics).toContain(`projection_stuck{projection="${stuckNames[0]}"} 1`);
    const notStuck = projections.find((p: { name: string }) => !stuckNames.includes(p.name)).name;
    expect(metrics).toContain(`projection_stuck{projection="${notStuck}"} 0`);
  });
});

/** The embedded store's file, written by another program while the service runs. */
describe('rows written by another program into the SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foreign-rows-'));
  const path = join(dir, 'events.sqlite');
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ store: { sqlitePath: path } });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are skipped and counted while the read models keep up', async () => {
    const before = await registerResponder(app, { handle: 'rows-before' });
    const other = new BetterSqlite3(path);
    const insert = other.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const metadata = JSON.stringify(serviceLikeMetadata());
    insert.run('orders-1', 0, randomUUID(), 'OrderPlaced', '{not json', metadata);
    insert.run('orders-1', 1, randomUUID(), 'OrderPlaced', '{}', 'null');
    insert.run('orders-1', 2, randomUUID(), 'OrderPlaced', '{}', '{"source":"erp"}');
    insert.run('orders-1', 3, randomUUID(), 'order.placed', '{}', metadata);
    insert.run('$stats', 0, randomUUID(), 'StatsCollected', '{}', metadata);
    other.close();

    const after = await registerResponder(app, { handle: 'rows-after' });
    const responders = await app.ok(`{ responders(first: 100) { nodes { id } } }`);
    expect(responders.responders.nodes.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([before, after]),
    );
    const { projections } = await app.ok(PROJECTIONS);
    const head = String(await app.store.headPosition());
    for (const projection of projections) {
      expect(projection).toMatchObject({ state: 'running', caughtUp: true, failure: null, position: head });
      expect(projection.skippedEvents).toBe(5);
    }
    expect((await request(app.server).get('/health/ready')).status).toBe(200);
  });
});
