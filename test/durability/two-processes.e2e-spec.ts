import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import { EsdbGrpcDouble } from '@app/event-store/testing';
import { freePort, ServiceProcess } from '../support/service-process.js';
import { SLOT_ROUND_FIELDS } from '../support/slot-round.fixtures.js';

const REGISTER = `mutation($input: RegisterResponderInput!) { registerResponder(input: $input) { id } }`;
const CREATE_ROTATION = `mutation($input: CreateRotationInput!) { createRotation(input: $input) { id } }`;
const PUBLISH = `mutation($input: PublishSlotRoundInput!) { publishWeekendSlots(input: $input) { id } }`;
const ROUND = `query($id: ID!) { slotRound(id: $id) { ${SLOT_ROUND_FIELDS} } }`;
const RESPONDERS = `{ responders(first: 100) { nodes { id handle } } }`;
const PROJECTIONS = `{ projections { name position state } }`;

async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ok<T = any>(service: ServiceProcess, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await service.gql<T>(query, variables);
  if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

const MINUTE = 60_000;
const SHIFTED_CLOCK = pathToFileURL(join(process.cwd(), 'test/support/shifted-clock.mjs')).href;

/**
 * Deadlines are wall-clock minutes: the services' clocks are moved forward (by the same offset,
 * through the shifted-clock preload) so that a minute begins a few seconds from now.
 */
function offsetToMinuteIn(ms: number): number {
  const target = Date.now() + ms;
  return (Math.ceil(target / MINUTE) * MINUTE - target) % MINUTE;
}

/**
 * Production topology: two service processes (the built service, `node dist/…/main.js`) on one
 * EventStoreDB (the gRPC double in this process), each with its own read models. Writes through
 * either reach both; a time-driven step (a weekend-slot round closing at its deadline, run by
 * both processes' DueTaskScheduler) is written once.
 */
describe('two service processes on one EventStoreDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'two-processes-'));
  let double: EsdbGrpcDouble;
  let reader: EventStoreDBClient;
  const services: ServiceProcess[] = [];
  const offsetFile = join(dir, 'clock-offset');

  beforeAll(async () => {
    double = await EsdbGrpcDouble.start();
    reader = EventStoreDBClient.connectionString(double.connectionString);
    const shared = {
      CLOCK_OFFSET_FILE: offsetFile,
      RATE_LIMIT_PER_MINUTE: '100000',
      EVENTSTORE_CONNECTION_STRING: double.connectionString,
      JWT_SECRET: 'two-processes-secret-two-processes-secret-0123',
      DUE_TASK_POLL_INTERVAL_MS: '100',
    };
    for (const name of ['one', 'two']) {
      services.push(
        new ServiceProcess(
          await freePort(),
          {
            ...shared,
            READ_MODEL_PATH: join(dir, `${name}-read-models.sqlite`),
            JWT_SECRET_FILE: join(dir, `${name}-jwt-secret`),
          },
          ['--import', SHIFTED_CLOCK],
        ),
      );
    }
    const token = await services[0].issueAdminTokenAsync('two-processes');
    services[1].token = token;
    await Promise.all(services.map((s) => s.start(30_000)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await reader.dispose();
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function stored(stream: string) {
    const events: Array<{ type: string; id: string }> = [];
    try {
      for await (const { event } of reader.readStream(stream)) if (event) events.push(event);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }

  it('converge on every write, and record a time-driven step once', async () => {
    const [one, two] = services;
    const ids: string[] = [];
    for (const [i, service] of [one, two, one, two].entries()) {
      const data = await ok(service, REGISTER, {
        input: { name: `P${i}`, handle: `p-${i}`, timeZone: 'Europe/Paris', team: 'two', role: 'ENGINEER' },
      });
      ids.push(data.registerResponder.id);
    }
    const rotation = await ok(two, CREATE_ROTATION, {
      input: {
        name: 'Weekend crew',
        team: 'two',
        timeZone: 'Europe/Paris',
        startDate: '2026-01-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
        participantIds: ids,
      },
    });
    const rotationId = rotation.createRotation.id;

    const offset = offsetToMinuteIn(6_000);
    writeFileSync(offsetFile, String(offset));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const deadline = new Date(Math.ceil((Date.now() + offset + 1_000) / MINUTE) * MINUTE).toISOString().slice(0, 16);
    const firstSlot = new Date(Date.now() + 7 * 86_400_000);
    const slotAt = (days: number) => new Date(firstSlot.getTime() + days * 86_400_000).toISOString().slice(0, 16);
    const rounds: string[] = [];
    for (const [i, service] of [one, two, one].entries()) {
      const published = await ok(service, PUBLISH, {
        input: {
          rotationId,
          title: `Weekend ${i}`,
          timeZone: 'UTC',
          slots: [
            { start: slotAt(i * 3), end: slotAt(i * 3 + 1) },
            { start: slotAt(i * 3 + 1), end: slotAt(i * 3 + 2) },
          ],
          volunteerDeadline: deadline,
        },
      });
      rounds.push(published.publishWeekendSlots.id);
    }

    for (const id of rounds) {
      await eventually(
        async () => {
          const answers = await Promise.all(services.map((s) => ok(s, ROUND, { id })));
          return answers.every((a) => a.slotRound.closed);
        },
        `round ${id} closed on both processes`,
        80_000,
      );
    }

    for (const id of rounds) {
      const events = await stored(`slot-round-${id}`);
      const types = events.map((e) => e.type);
      expect(types.filter((t) => t === 'SlotRoundClosed')).toHaveLength(1);
      expect(types.filter((t) => t === 'SlotAssigned' || t === 'SlotLeftOpen')).toHaveLength(2);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      const [fromOne, fromTwo] = await Promise.all(services.map((s) => ok(s, ROUND, { id })));
      expect(fromTwo).toEqual(fromOne);
    }

    const [respondersOne, respondersTwo] = await Promise.all(services.map((s) => ok(s, RESPONDERS)));
    expect(respondersOne.responders.nodes.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(ids));
    expect(respondersTwo).toEqual(respondersOne);
    await eventually(async () => {
      const [a, b] = await Promise.all(services.map((s) => ok(s, PROJECTIONS)));
      return JSON.stringify(a) === JSON.stringify(b);
    }, 'the same projection positions on both processes');
    for (const service of services) expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
  }, 120_000);
});
