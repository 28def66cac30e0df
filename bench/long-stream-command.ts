/**
 * A command on a long stream against the same command on a fresh one, in the same run: scheduling
 * an override on a rotation whose stream holds 10k events (years of overrides) and on a rotation
 * just created. Both go through the CommandRunner as the API's handler does (read, fold, decide,
 * append with the revision read, wait for the read models), on a SQLite file store (synchronous
 * FULL, as the service runs) with the current-on-call projection applying each event.
 *
 * Also printed: the first command on the long stream in a fresh process (it reads the whole stream
 * once) and the same command with the rotation's state not kept between commands (as before).
 *
 *   npm run bench:long-stream            (EVENTS=10000 COMMANDS=300 to change the sizes)
 */
import type { DiscoveryService } from '@nestjs/core';
import { ManualClock } from '@app/core';
import {
  CommandRunner,
  ProjectionRunner,
  ReadModelDatabase,
  SqliteEventStore,
  type EventStore,
  type NewEvent,
} from '@app/event-store';
import { CurrentOnCallProjection, rotationDecider, rotationStream, type RotationCommand } from '@app/scheduling';
import { newEvent, printTable, tempDir } from './bench-support.js';

const EVENTS = Number(process.env.EVENTS ?? 10_000);
const COMMANDS = Number(process.env.COMMANDS ?? 300);
const RESPONDERS = ['ana', 'ben', 'chloe', 'dev'];
const context = { actor: 'bench', role: 'admin', correlationId: 'bench' } as const;

function rotationCreated(rotationId: string): NewEvent {
  return newEvent('RotationCreated', {
    rotationId,
    name: `Rotation ${rotationId}`,
    team: 'support',
    timeZone: 'America/New_York',
    startDate: '2020-01-01',
    pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
    coverageWindows: [],
    driWindows: [],
    participants: RESPONDERS.map((responderId) => ({ responderId })),
    shadows: [],
    createdAt: '2020-01-01T00:00:00.000Z',
  });
}

/** Six years of overrides, a few a day, some of them cancelled. */
function pastOverride(rotationId: string, i: number): NewEvent {
  const start = Date.parse('2020-01-06T08:00:00.000Z') + i * 5 * 3_600_000;
  if (i % 10 === 9)
    return newEvent('OverrideCancelled', { rotationId, overrideId: `o-${i - 1}`, cancelledBy: 'bench' });
  return newEvent('OverrideScheduled', {
    rotationId,
    overrideId: `o-${i}`,
    responderId: RESPONDERS[i % RESPONDERS.length],
    start: new Date(start).toISOString(),
    end: new Date(start + 4 * 3_600_000).toISOString(),
    timeZone: 'Europe/Berlin',
    note: 'covering a dentist appointment',
    createdBy: 'bench',
  });
}

function scheduleOverride(rotationId: string, n: number): RotationCommand {
  const start = Date.parse('2026-12-07T08:00:00.000Z') + n * 3_600_000;
  return {
    type: 'ScheduleOverride',
    rotationId,
    availability: Object.fromEntries(
      RESPONDERS.map((id) => [id, { responderId: id, restrictions: [], unavailability: [] }]),
    ),
    override: {
      overrideId: `new-${rotationId}-${n}`,
      responderId: RESPONDERS[n % RESPONDERS.length],
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
      timeZone: 'UTC',
      createdBy: 'bench',
    },
  };
}

async function seedLongStream(store: EventStore, rotationId: string): Promise<void> {
  const events = [rotationCreated(rotationId)];
  for (let i = 1; i < EVENTS; i++) events.push(pastOverride(rotationId, i));
  for (let i = 0; i < events.length; i += 500) {
    await store.append(rotationStream(rotationId), events.slice(i, i + 500), i === 0 ? 'no_stream' : BigInt(i - 1));
  }
}

interface Measured {
  wallMs: number;
  cpuMs: number;
}

async function timed(run: () => Promise<unknown>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const dir = tempDir('bench-long-stream-');
  const store = new SqliteEventStore({ path: dir.path('events.sqlite') });
  const readModels = new ReadModelDatabase(dir.path('read-models.sqlite'));
  const discovery = {
    getProviders: () => [{ instance: new CurrentOnCallProjection() }],
  } as unknown as DiscoveryService;
  const projections = new ProjectionRunner(store, readModels, 60_000, discovery);
  const clock = new ManualClock('2026-12-01T10:00:00Z');
  try {
    await seedLongStream(store, 'long');
    await seedLongStream(store, 'long-unkept');
    projections.onApplicationBootstrap();
    const head = await store.headPosition();
    if (head !== 'start') await projections.waitFor(head);

    const runner = new CommandRunner(store, clock, projections);
    const unkept = { ...rotationDecider, keepsState: false };
    const firstOnLong = await timed(() =>
      runner.run(rotationStream('long'), rotationDecider, scheduleOverride('long', 0), context),
    );
    const fresh: Measured[] = [];
    const long: Measured[] = [];
    const notKept: Measured[] = [];
    for (let n = 1; n <= COMMANDS; n++) {
      const freshId = `fresh-${n}`;
      await store.append(rotationStream(freshId), [rotationCreated(freshId)], 'no_stream');
      fresh.push(
        await timed(() => runner.run(rotationStream(freshId), rotationDecider, scheduleOverride(freshId, n), context)),
      );
      long.push(
        await timed(() => runner.run(rotationStream('long'), rotationDecider, scheduleOverride('long', n), context)),
      );
      if (n % 10 === 0) {
        notKept.push(
          await timed(() =>
            runner.run(rotationStream('long-unkept'), unkept, scheduleOverride('long-unkept', n), context),
          ),
        );
      }
    }
    const row = (name: string, ms: Measured[], base: Measured[]) => ({
      case: name,
      'wall ms (median)': Number(median(ms.map((m) => m.wallMs)).toFixed(3)),
      'CPU ms (median)': Number(median(ms.map((m) => m.cpuMs)).toFixed(3)),
      'wall vs fresh': `${(median(ms.map((m) => m.wallMs)) / median(base.map((m) => m.wallMs))).toFixed(2)}x`,
      'CPU vs fresh': `${(median(ms.map((m) => m.cpuMs)) / median(base.map((m) => m.cpuMs))).toFixed(2)}x`,
    });
    printTable(`scheduleOverride through the CommandRunner, ${COMMANDS} commands each (SQLite file, FULL)`, [
      row('baseline: a fresh rotation (1 event)', fresh, fresh),
      row(`a rotation of ${EVENTS} events`, long, fresh),
      row(`first command on it in this process (reads it whole)`, [firstOnLong], fresh),
      row(`the same without the kept state (every 10th command)`, notKept, fresh),
    ]);
    const ratio = Math.max(
      median(long.map((m) => m.wallMs)) / median(fresh.map((m) => m.wallMs)),
      median(long.map((m) => m.cpuMs)) / median(fresh.map((m) => m.cpuMs)),
    );
    console.log(`target: a command on a ${EVENTS}-event stream <= 2x a fresh one -> ${ratio <= 2 ? 'met' : 'NOT met'}`);
  } finally {
    await projections.onModuleDestroy();
    readModels.close();
    await store.close();
    dir.remove();
  }
}

void main();
