import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store.port.js';
import type { SkippedEvent } from '../foreign-events.js';
import { SkippedEventCounts, describeFailure, failureOf } from './projection-failure.js';
import { CatchUpCommits } from './catch-up-commits.js';
import { DEFAULT_PROJECTION_BATCHING, PROJECTION_BATCHING, type ProjectionBatching } from './projection-batching.js';
import { registerMember, resetProjection, resumeMember } from './member-checkpoints.js';
import { CommittedTail, type CommittedBatchListener } from './committed-tail.js';
import { statusOf, type ProjectionStatus, type ProjectionsReadiness } from './projection-status.js';
import { ProjectionPass, isAfter, type Member, type MemberOutcome } from './projection-pass.js';
import { CaughtUpWaiters, PositionWaiters } from './position-waiters.js';
import type { Projection } from './projection.js';
import { READ_MODEL_DATABASE, ReadModelDatabase, type StoreIdentity } from './read-model-database.js';
import { ReadModelProjection } from './read-model-projection.decorator.js';

export type { ProjectionStatus, ProjectionsReadiness } from './projection-status.js';
export type { CommittedBatchListener } from './committed-tail.js';
export { PROJECTION_BATCHING, type ProjectionBatching } from './projection-batching.js';

export const PROJECTION_WAIT_TIMEOUT_MS = Symbol('PROJECTION_WAIT_TIMEOUT_MS');

/**
 * Feeds every projection from one store subscription per process (a "pass"): each batch is read
 * and parsed once, every projection applies it, and all of them commit together with their
 * checkpoints in one read-model transaction, so a restart neither skips nor repeats an event. A
 * checkpoint names the store it belongs to (the service's first event in it): a read model whose
 * store was replaced is rebuilt, not resumed.
 *
 * A projection that is behind the others (new, version changed, rebuilt, back from a failure)
 * gets a pass of its own from its checkpoint, reading only what it lacks; once a pass reaches the
 * position of another, its projections join that one and its subscription ends.
 *
 * A projection whose `apply` throws keeps what it applied before that event, serves reads as it
 * is, reports the event, and tries it again with a growing delay; the others go on.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly members = new Map<string, Member>();
  private readonly passes = new Set<ProjectionPass>();
  private readonly waiters = new PositionWaiters((position, ms) =>
    this.logger.warn(`Projections did not reach position ${position} within ${ms} ms`),
  );
  private readonly caughtUpWaiters = new CaughtUpWaiters();
  private caughtUpOnce = false;
  private readonly committedListeners = new Set<() => void>();
  private readonly tail = new CommittedTail(this.logger);
  private headAtStart?: Promise<bigint | 'start'>;
  private knownHeadAtStart?: bigint | 'start';
  private readonly catchUpCommits: CatchUpCommits;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
    @Inject(PROJECTION_WAIT_TIMEOUT_MS) private readonly waitTimeoutMs: number,
    private readonly discovery: DiscoveryService,
    @Optional()
    @Inject(PROJECTION_BATCHING)
    private readonly batching: ProjectionBatching = DEFAULT_PROJECTION_BATCHING,
  ) {
    this.catchUpCommits = new CatchUpCommits(readModels, batching, (pass, error) => this.startAgain(pass, error));
  }

  onApplicationBootstrap(): void {
    const projections = this.discovery
      .getProviders({ metadataKey: ReadModelProjection.KEY })
      .map((wrapper) => wrapper.instance as Projection);
    this.launch(projections.map((projection) => this.register(projection)));
  }

  async onModuleDestroy(): Promise<void> {
    this.catchUpCommits.commit();
    for (const member of this.members.values()) {
      clearTimeout(member.retryTimer);
      member.state = 'stopped';
      member.pass = undefined;
    }
    await Promise.all([...this.passes].map((pass) => this.closePass(pass)));
    this.waiters.releaseAll();
    this.caughtUpWaiters.releaseAll();
  }

  statuses(): ProjectionStatus[] {
    return [...this.members.values()].map(statusOf);
  }

  /** Ready once every read model has caught up with the store as it was at start, and none is stuck. */
  readiness(): ProjectionsReadiness {
    const statuses = this.statuses();
    const catchingUp = statuses.filter((s) => !s.caughtUp).map((s) => s.name);
    const stuck = statuses.flatMap((s) => (s.failure ? [{ name: s.name, failure: s.failure }] : []));
    return { ready: catchingUp.length === 0 && stuck.length === 0, catchingUp, stuck };
  }

  /** Calls `listener` after each commit of any projection (the read models changed); returns how to stop. */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /**
   * Calls `listener` with each committed batch's events after the store's head at start, each once
   * and in order: a live tail of the store that reads and parses nothing more. Returns how to stop.
   */
  onCommittedEvents(listener: CommittedBatchListener): () => void {
    return this.tail.listen(listener);
  }

  /** Resolves once the live tail has its start (the store's head at start): later events reach `onCommittedEvents`. */
  async whenTailing(): Promise<void> {
    for (;;) {
      try {
        return void (await this.storeHeadAtStart());
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      }
    }
  }

  /** Resolves once every projection not stuck on an event has applied the event at `position` (or the timeout passed). */
  waitFor(position: bigint, timeoutMs = this.waitTimeoutMs): Promise<void> {
    if (this.caughtUpTo(position)) return Promise.resolve();
    return this.waiters.wait(position, timeoutMs);
  }

  /** Resolves once the read models first caught up with the store at start (a stuck projection or a later rebuild does not hold it). */
  whenCaughtUp(): Promise<void> {
    return this.caughtUpOnce || !this.catchingUp() ? Promise.resolve() : this.caughtUpWaiters.wait();
  }

  /** Starts a projection again from the first event; answers once it has caught up. */
  async rebuild(name: string): Promise<ProjectionStatus> {
    const member = this.members.get(name);
    if (!member) throw new NotFoundError('Projection', name);
    await this.stop(member);
    // The reset is a transaction of its own, not part of one a catch-up left open.
    this.catchUpCommits.commit();
    const { projection } = member;
    resetProjection(this.readModels, projection);
    const rebuilt = this.register(projection, member.skipped);
    await this.start([rebuilt]).catch((error: Error) => this.fail(rebuilt, error));
    const head = await this.store.headPosition();
    if (head !== 'start') await this.waitFor(head, Math.max(this.waitTimeoutMs, 60_000));
    return this.statuses().find((s) => s.name === name)!;
  }

  /** Sets the projection up at once (queries may run before it has subscribed), rebuilding it when its version changed. */
  private register(projection: Projection, skipped = new SkippedEventCounts()): Member {
    const member = registerMember(this.readModels, projection, skipped, this.logger);
    this.members.set(projection.name, member);
    return member;
  }

  private launch(members: Member[]): void {
    this.start(members).catch((error: Error) => {
      for (const member of members) this.fail(member, error);
    });
  }

  /** Resumes each member from its checkpoint; those at the same position share one pass. */
  private async start(members: Member[]): Promise<void> {
    const [identity, head] = await Promise.all([this.storeIdentity(), this.storeHeadAtStart()]);
    // A pass of its own for some of them, or a reset (a transaction of its own), may follow.
    this.catchUpCommits.commit();
    const byPosition = new Map<bigint | 'start', Member[]>();
    for (const member of members) {
      if (member.state === 'stopped' || this.members.get(member.projection.name) !== member) continue;
      resumeMember(this.readModels, member, identity, head, this.logger);
      const joined = [...this.passes].find((pass) => !pass.closed && pass.position === member.position);
      if (joined) this.join(joined, [member]);
      else byPosition.set(member.position, [...(byPosition.get(member.position) ?? []), member]);
    }
    // Before the passes open: a subscription may deliver its first batch at once.
    this.readModels.catchingUp(this.catchingUp());
    for (const [from, group] of byPosition) this.openPass(from, group);
    this.releaseWaiters();
  }

  private openPass(from: bigint | 'start', members: Member[]): void {
    const pass = new ProjectionPass(this.readModels, from);
    this.passes.add(pass);
    this.join(pass, members);
    const subscription = this.store.subscribeToAll(
      { fromPosition: from, maxBatchSize: this.batching.maxBatchSize },
      {
        onEvents: async (events) => this.deliver(pass, events),
        onError: (error) => this.passFailed(pass, error),
        onSkipped: (event) => this.skip(pass, event),
      },
    );
    // The first batch may already have been delivered (and the pass emptied) by now.
    pass.subscription = subscription;
    if (pass.closed) void subscription.close();
  }

  private join(pass: ProjectionPass, members: Iterable<Member>): void {
    for (const member of members) {
      pass.members.add(member);
      member.pass = pass;
    }
  }

  private deliver(pass: ProjectionPass, events: RecordedEvent[]): void {
    if (pass.closed) return;
    const before = pass.position;
    const outcomes = this.applyBatch(pass, events);
    if (!outcomes) return;
    for (const outcome of outcomes) {
      if (outcome.applied.length > 0) this.committed(outcome);
      if (outcome.error) this.fail(outcome.member, outcome.error);
    }
    this.joinPassReached(pass, before);
    this.readModels.catchingUp(this.catchingUp());
    this.releaseWaiters();
    if (outcomes.some((outcome) => outcome.applied.length > 0)) {
      for (const listener of this.committedListeners) listener();
    }
    this.tail.hand(events);
  }

  /** The batch's outcomes; undefined when the pass closed, or its members failed or start again. */
  private applyBatch(pass: ProjectionPass, events: RecordedEvent[]): MemberOutcome[] | undefined {
    const leaveOpen = this.catchUpCommits.mayLeaveOpen(pass, events, this.knownHeadAtStart, this.passes.size);
    if (!leaveOpen) this.catchUpCommits.commit();
    if (pass.closed) return undefined;
    try {
      const outcomes = leaveOpen ? this.catchUpCommits.apply(pass, events) : pass.apply(events);
      return pass.closed ? undefined : outcomes;
    } catch (error) {
      if (leaveOpen) this.startAgain(pass, error);
      else for (const member of [...pass.members]) this.fail(member, asError(error));
      return undefined;
    }
  }

  /**
   * Everything since the pass's last commit was rolled back (a member threw, or the commit failed):
   * its members forget what they kept of it and start again from their checkpoints, committing
   * each batch, so that a failing event is isolated as usual.
   */
  private startAgain(pass: ProjectionPass, error: unknown): void {
    const members = [...pass.members];
    this.logger.warn(
      `Projections ${members.map((m) => m.projection.name).join(', ')} start again from their checkpoints, ` +
        `one commit per batch: ${asError(error).message}`,
    );
    pass.members.clear();
    void this.closePass(pass);
    for (const member of members) {
      member.pass = undefined;
      member.commitEachBatch = true;
      member.projection.afterCommit?.([]);
    }
    this.launch(members);
  }

  private committed({ member, applied, store }: MemberOutcome): void {
    const last = applied[applied.length - 1].position;
    member.position = last;
    if (isAfter(last, member.seen)) member.seen = last;
    member.store = store;
    member.failures = 0;
    if (member.failure && (member.failure.position === undefined || member.failure.position <= last)) {
      this.logger.log(`Projection ${member.projection.name} is past ${describeFailure(member.failure)}`);
      member.failure = undefined;
    }
    this.markCaughtUp(member);
    member.projection.afterCommit?.(applied);
  }

  /** When this pass's last batch took it to (or past) another pass's position, its members continue in that one. */
  private joinPassReached(pass: ProjectionPass, before: bigint | 'start'): void {
    if (pass.closed) return;
    for (const other of this.passes) {
      if (other === pass || other.closed) continue;
      if (rank(before) <= rank(other.position) && rank(other.position) <= rank(pass.position)) {
        this.join(other, pass.members);
        pass.members.clear();
        void this.closePass(pass);
        return;
      }
    }
  }

  /** The service's first event in the store, which a checkpoint records; null while there is none. */
  private async storeIdentity(): Promise<StoreIdentity | null> {
    const [first] = await this.store.readAll({ fromPosition: 'start', maxCount: 1 });
    return first ? { eventId: first.id, position: first.position } : null;
  }

  private storeHeadAtStart(): Promise<bigint | 'start'> {
    this.headAtStart ??= this.store.headPosition().then(
      (head) => {
        this.tail.startAfter(head);
        return (this.knownHeadAtStart = head);
      },
      (error: unknown) => {
        this.headAtStart = undefined;
        throw error;
      },
    );
    return this.headAtStart;
  }

  /** Some projection that is not stuck has yet to reach the head at start. */
  private catchingUp(): boolean {
    for (const m of this.members.values()) if (!m.caughtUp && !m.failure && m.state !== 'stopped') return true;
    return false;
  }

  private markCaughtUp(member: Member): void {
    const head = this.knownHeadAtStart;
    if (member.caughtUp || head === undefined) return;
    if (head === 'start' || (member.position !== 'start' && member.position >= head)) member.caughtUp = true;
  }

  private skip(pass: ProjectionPass, event: SkippedEvent): void {
    if (pass.closed) return;
    pass.skip(event);
    this.logger.debug(`Projections skipped ${event.id} (${event.type} in ${event.streamId}): ${event.reason}`);
  }

  /** The subscription itself failed (the store could not be read): every member of the pass retries. */
  private passFailed(pass: ProjectionPass, error: Error): void {
    for (const member of [...pass.members]) this.fail(member, error);
  }

  private fail(member: Member, error: Error): void {
    if (member.state === 'stopped') return;
    void this.leavePass(member);
    member.failure = failureOf(error, member.failure);
    member.failures += 1;
    const delay = Math.min(30_000, 250 * 2 ** member.failures);
    this.logger.error(
      `Projection ${member.projection.name} failed on ${describeFailure(member.failure)}; retrying in ${delay} ms`,
    );
    clearTimeout(member.retryTimer);
    member.retryTimer = setTimeout(() => {
      if (this.members.get(member.projection.name) === member && member.state !== 'stopped') this.launch([member]);
    }, delay);
    this.releaseWaiters();
  }

  private async stop(member: Member): Promise<void> {
    clearTimeout(member.retryTimer);
    member.state = 'stopped';
    await this.leavePass(member);
  }

  /** Takes the member out of its pass; a pass left empty ends its subscription. */
  private async leavePass(member: Member): Promise<void> {
    const pass = member.pass;
    member.pass = undefined;
    if (!pass) return;
    pass.members.delete(member);
    if (pass.members.size === 0) await this.closePass(pass);
  }

  private async closePass(pass: ProjectionPass): Promise<void> {
    this.catchUpCommits.closing(pass);
    pass.closed = true;
    this.passes.delete(pass);
    await pass.subscription?.close();
  }

  /** A stuck projection does not hold writers back: it is reported instead (health, projections query). */
  private caughtUpTo(position: bigint): boolean {
    for (const m of this.members.values()) {
      if (m.failure) continue;
      if (m.state === 'starting' || m.position === 'start' || m.position < position) return false;
    }
    return true;
  }

  private releaseWaiters(): void {
    this.waiters.release((position) => this.caughtUpTo(position));
    if (this.caughtUpOnce || this.catchingUp()) return;
    this.caughtUpOnce = true;
    this.caughtUpWaiters.releaseAll();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Orders positions with 'start' before every event. */
function rank(position: bigint | 'start'): bigint {
  return position === 'start' ? -1n : position;
}
