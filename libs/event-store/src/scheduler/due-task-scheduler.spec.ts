import type { DiscoveryService } from '@nestjs/core';
import { ManualClock, SystemClock } from '@app/core';
import { CommandRunner } from '../decider/command-runner.js';
import type { Decider, DomainEvent } from '../decider/decider.js';
import { deterministicId } from '../decider/deterministic-id.js';
import { event, Recording } from '../projections/projection-passes.fixture.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import type { DueTask, DueTaskSource } from './due-task.js';
import { DueTaskScheduler } from './due-task-scheduler.js';

type ReminderEvent = DomainEvent<'ReminderSent', { taskId: string }>;
const reminders: Decider<{ taskId: string }, string[], ReminderEvent> = {
  initialState: () => [],
  evolve: (sent, event) => [...sent, event.data.taskId],
  decide: (command, sent) =>
    sent.includes(command.taskId)
      ? []
      : [{ type: 'ReminderSent', id: deterministicId(command.taskId, 'sent'), data: { taskId: command.taskId } }],
};

/** Two reminders on one stream; a task stays "due" until the scheduler's run has stored its event. */
class ReminderSource implements DueTaskSource {
  readonly name = 'reminders';
  runs = 0;
  constructor(
    private readonly runner: CommandRunner,
    private readonly store: SqliteEventStore,
  ) {}

  private readonly tasks: DueTask[] = [
    { taskId: 'remind-1', dueAt: new Date('2026-11-22T10:00:00Z') },
    { taskId: 'remind-2', dueAt: new Date('2026-11-22T11:00:00Z') },
  ];

  due(now: Date): DueTask[] {
    return this.tasks.filter((t) => t.dueAt <= now);
  }

  async run(task: DueTask): Promise<void> {
    this.runs += 1;
    await this.runner.run(
      'reminders',
      reminders,
      { taskId: task.taskId },
      { actor: 'system', role: 'system', correlationId: task.taskId },
    );
  }
}

const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;

function schedulerFor(store: SqliteEventStore, clock: ManualClock) {
  const projections = new ProjectionRunner(store, new ReadModelDatabase(':memory:'), 1000, noProjections);
  const runner = new CommandRunner(store, clock, projections);
  const source = new ReminderSource(runner, store);
  const scheduler = new DueTaskScheduler(
    clock,
    0,
    { getProviders: () => [{ instance: source }] } as unknown as DiscoveryService,
    projections,
  );
  scheduler.onApplicationBootstrap();
  return { scheduler, source };
}

/** A source that says when its one task is due, and counts how often it is asked. */
class TimedSource implements DueTaskSource {
  readonly name = 'timed';
  asked = 0;
  ran: string[] = [];
  constructor(public dueAt: number) {}

  due(now: Date): DueTask[] {
    this.asked += 1;
    const done = this.ran.includes('timed-1');
    return !done && this.dueAt <= now.getTime() ? [{ taskId: 'timed-1', dueAt: new Date(this.dueAt) }] : [];
  }

  nextDueAt(): Date | undefined {
    return this.ran.includes('timed-1') ? undefined : new Date(this.dueAt);
  }

  async run(task: DueTask): Promise<void> {
    this.ran.push(task.taskId);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition() && Date.now() < deadline) await sleep(10);
}

describe('DueTaskScheduler', () => {
  it('runs a step only once the clock reaches it', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const clock = new ManualClock('2026-11-22T09:00:00Z');
    const { scheduler } = schedulerFor(store, clock);
    expect(await scheduler.runDue()).toBe(0);
    clock.set('2026-11-22T10:30:00Z');
    await scheduler.runDue();
    expect((await store.readStream('reminders')).map((e) => e.data.taskId)).toEqual(['remind-1']);
    await scheduler.onModuleDestroy();
    await store.close();
  });

  it('records each step once when two instances run it at the same time, and again after a restart', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const clock = new ManualClock('2026-11-22T12:00:00Z');
    const one = schedulerFor(store, clock);
    const two = schedulerFor(store, clock);
    await Promise.all([one.scheduler.runDue(), two.scheduler.runDue()]);
    const restarted = schedulerFor(store, clock);
    await restarted.scheduler.runDue();
    expect(one.source.runs + two.source.runs + restarted.source.runs).toBeGreaterThanOrEqual(6);
    const events = await store.readStream('reminders');
    expect(events.map((e) => e.data.taskId)).toEqual(['remind-1', 'remind-2']);
    expect(events[0].id).toBe(deterministicId('remind-1', 'sent'));
    for (const s of [one, two, restarted]) await s.scheduler.onModuleDestroy();
    await store.close();
  });

  it('sleeps until the next task is due instead of asking at every poll interval, and wakes on a commit', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const projections = new ProjectionRunner(store, new ReadModelDatabase(':memory:'), 1000, noProjections);
    const source = new TimedSource(Date.now() + 400);
    const scheduler = new DueTaskScheduler(
      new SystemClock(),
      20,
      { getProviders: () => [{ instance: source }] } as unknown as DiscoveryService,
      projections,
    );
    const commits: Array<() => void> = [];
    projections.onCommitted = (listener) => {
      commits.push(listener);
      return () => undefined;
    };
    scheduler.onApplicationBootstrap();
    await sleep(200);
    expect(source.asked).toBe(1); // the first pass only: polling every 20 ms would have asked ~10 times
    expect(source.ran).toEqual([]);
    await until(() => source.ran.length > 0);
    expect(source.ran).toEqual(['timed-1']);
    const asked = source.asked;
    await sleep(100);
    expect(source.asked).toBe(asked); // nothing more is due: it sleeps
    commits.forEach((commit) => commit());
    await until(() => source.asked > asked);
    expect(source.asked).toBe(asked + 1);
    await scheduler.onModuleDestroy();
    await store.close();
  });

  it('runs no step before the read models have caught up with the store as it was at start', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    for (let i = 0; i < 20; i++)
      await store.append(
        `s-${i}`,
        [...Array(50)].map(() => event()),
        'no_stream',
      );
    const projection = new Recording('slow');
    const projections = new ProjectionRunner(
      store,
      new ReadModelDatabase(':memory:'),
      1000,
      { getProviders: () => [{ instance: projection }] } as unknown as DiscoveryService,
      { maxBatchSize: 10, eventsPerCatchUpCommit: 0, idleCommitMs: 100 },
    );
    const appliedWhenAsked: number[] = [];
    const source: DueTaskSource = {
      name: 'watching',
      due: () => {
        appliedWhenAsked.push(projection.applied.length);
        return [];
      },
      run: async () => undefined,
    };
    const scheduler = new DueTaskScheduler(
      new ManualClock(new Date('2026-11-22T12:00:00Z')),
      0,
      { getProviders: () => [{ instance: source }] } as unknown as DiscoveryService,
      projections,
    );
    projections.onApplicationBootstrap();
    scheduler.onApplicationBootstrap();
    await scheduler.runDue();
    expect(appliedWhenAsked).toEqual([1000]);
    await scheduler.onModuleDestroy();
    await projections.onModuleDestroy();
    await store.close();
  });

  it('stops waiting for the read models when it is stopped', async () => {
    const projections = { whenCaughtUp: () => new Promise<void>(() => undefined) } as unknown as ProjectionRunner;
    let asked = 0;
    const due = () => {
      asked += 1;
      return [];
    };
    const scheduler = new DueTaskScheduler(
      new ManualClock(new Date('2026-11-22T12:00:00Z')),
      0,
      {
        getProviders: () => [{ instance: { name: 'never', due, run: async () => undefined } }],
      } as unknown as DiscoveryService,
      projections,
    );
    scheduler.onApplicationBootstrap();
    const running = scheduler.runDue();
    await scheduler.onModuleDestroy();
    await expect(running).resolves.toBe(0);
    expect(asked).toBe(0);
  });
});
