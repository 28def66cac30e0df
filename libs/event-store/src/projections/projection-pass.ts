import type { Database } from 'better-sqlite3';
import type { RecordedEvent, StoreSubscription } from '../event-store.port.js';
import type { SkippedEvent } from '../foreign-events.js';
import { ProjectionEventError, type ProjectionFailure, type SkippedEventCounts } from './projection-failure.js';
import type { Projection } from './projection.js';
import type { ReadModelDatabase, StoreIdentity } from './read-model-database.js';

/** One projection as the runner keeps it: how far it got, and why it stopped when it did. */
export interface Member {
  projection: Projection;
  /** The last event applied. */
  position: bigint | 'start';
  /** The last event applied or skipped (a skipped event is counted once per projection). */
  seen: bigint | 'start';
  store: StoreIdentity | null;
  state: 'starting' | 'running' | 'stopped';
  caughtUp: boolean;
  failure?: ProjectionFailure;
  pass?: ProjectionPass;
  retryTimer?: NodeJS.Timeout;
  failures: number;
  skipped: SkippedEventCounts;
  /** Started again after its batches were rolled back in a transaction left open while catching up: no more of those. */
  commitEachBatch?: boolean;
}

/** What one batch did to one member. */
export interface MemberOutcome {
  member: Member;
  /** Events committed for it (maybe fewer than offered: the ones before the event it failed on). */
  applied: RecordedEvent[];
  /** The store the member's checkpoint now names. */
  store: StoreIdentity | null;
  error?: Error;
}

export function isAfter(position: bigint, than: bigint | 'start'): boolean {
  return than === 'start' || position > than;
}

/**
 * One store subscription feeding several projections: each batch is read and parsed once, every
 * member gets the events after its own position, and all of them commit in one read-model
 * transaction, each with its checkpoint. A member whose `apply` throws keeps the events before the
 * failing one; the others are not affected.
 */
export class ProjectionPass {
  readonly members = new Set<Member>();
  /** The last event (or skipped event) this pass's subscription delivered. */
  position: bigint | 'start';
  subscription?: StoreSubscription;
  closed = false;
  private readonly applyEvents: (member: Member, events: RecordedEvent[], store: StoreIdentity | null) => void;

  constructor(
    private readonly readModels: ReadModelDatabase,
    from: bigint | 'start',
  ) {
    this.position = from;
    const db = readModels.db;
    this.applyEvents = db.transaction((member: Member, events: RecordedEvent[], store: StoreIdentity | null) =>
      this.applyTo(member, events, store, db),
    );
  }

  /** Counts a skipped event for each member that has not counted it yet. */
  skip(event: SkippedEvent): SkippedEvent {
    for (const member of this.members) {
      if (!isAfter(event.position, member.seen)) continue;
      member.skipped.add(event);
      member.seen = event.position;
    }
    if (isAfter(event.position, this.position)) this.position = event.position;
    return event;
  }

  /**
   * Applies a batch to every member in one transaction; throws only when that transaction could not
   * commit. Members write straight into the transaction: a savepoint per member makes SQLite journal
   * every page each member touches (random-key inserts cost about 2.5x). Only when a member throws
   * is the whole batch rolled back and applied again, each member in its own savepoint.
   */
  apply(events: RecordedEvent[]): MemberOutcome[] {
    const offered = this.offers(events);
    let outcomes: MemberOutcome[];
    try {
      const together = this.applyTogether(offered);
      outcomes = Array.isArray(together) ? together : this.applyEachIsolated(offered, together);
    } catch (error) {
      for (const [member] of offered) member.projection.afterRollback?.();
      throw error;
    }
    const last = events[events.length - 1].position;
    if (isAfter(last, this.position)) this.position = last;
    return outcomes;
  }

  /**
   * Applies a batch in the transaction left open while catching up (ReadModelDatabase.applyLeavingOpen):
   * no member is isolated from another. When one throws, everything since the last commit is
   * rolled back and the error thrown: the caller starts the members again from their checkpoints.
   * Returns the outcomes and how many events the open transaction holds.
   */
  applyLeavingOpen(events: RecordedEvent[]): { outcomes: MemberOutcome[]; open: number } {
    const offered = this.offers(events);
    const db = this.readModels.db;
    const outcomes: MemberOutcome[] = [];
    let open: number;
    try {
      open = this.readModels.applyLeavingOpen(events.length, () => {
        for (const [member, batch] of offered) {
          const store = storeOf(member, batch);
          this.applyTo(member, batch, store, db);
          outcomes.push({ member, applied: batch, store });
        }
      });
    } catch (error) {
      for (const member of this.members) member.projection.afterRollback?.();
      throw error;
    }
    const last = events[events.length - 1].position;
    if (isAfter(last, this.position)) this.position = last;
    return { outcomes, open };
  }

  private offers(events: RecordedEvent[]): Array<[Member, RecordedEvent[]]> {
    const offered: Array<[Member, RecordedEvent[]]> = [];
    for (const member of this.members) {
      if (member.state !== 'running') continue;
      const after = eventsAfter(events, member.position);
      if (after.length > 0) offered.push([member, after]);
    }
    return offered;
  }

  /** Every member in one transaction, no savepoints; when a member throws, all is rolled back and its failure returned. */
  private applyTogether(offered: Array<[Member, RecordedEvent[]]>): MemberOutcome[] | MemberFailure {
    const db = this.readModels.db;
    let failure: MemberFailure | undefined;
    try {
      return db.transaction(() => {
        const outcomes: MemberOutcome[] = [];
        for (const [member, batch] of offered) {
          const store = storeOf(member, batch);
          this.failedIndex = -1;
          try {
            this.applyTo(member, batch, store, db);
          } catch (error) {
            failure = { member, index: this.failedIndex, error };
            throw error;
          }
          outcomes.push({ member, applied: batch, store });
        }
        return outcomes;
      })();
    } catch (error) {
      if (!failure) throw error;
      for (const [member] of offered) member.projection.afterRollback?.();
      return failure;
    }
  }

  private applyEachIsolated(offered: Array<[Member, RecordedEvent[]]>, failure: MemberFailure): MemberOutcome[] {
    return this.readModels.db.transaction(() =>
      offered.map(([member, batch]) =>
        this.applyIsolated(member, batch, member === failure.member ? failure : undefined),
      ),
    )();
  }

  /** One member in a savepoint; `known` is how it already failed on these events (then only what came before is applied). */
  private applyIsolated(member: Member, events: RecordedEvent[], known?: MemberFailure): MemberOutcome {
    const store = storeOf(member, events);
    let failedAt = -1;
    const attempt = (batch: RecordedEvent[]) => {
      this.failedIndex = -1;
      try {
        this.applyEvents(member, batch, store);
        return undefined;
      } catch (error) {
        member.projection.afterRollback?.();
        failedAt = this.failedIndex;
        return error;
      }
    };
    if (known) failedAt = known.index;
    const error = known ? known.error : attempt(events);
    if (error === undefined) return { member, applied: events, store };
    if (failedAt < 0) return { member, applied: [], store, error: asError(error) };
    const failing = events[failedAt];
    const before = events.slice(0, failedAt);
    const again = before.length > 0 ? attempt(before) : undefined;
    if (again !== undefined) return { member, applied: [], store, error: asError(again) };
    return { member, applied: before, store, error: new ProjectionEventError(failing, error) };
  }

  private failedIndex = -1;

  private applyTo(member: Member, events: RecordedEvent[], store: StoreIdentity | null, db: Database): void {
    const { projection } = member;
    for (let index = 0; index < events.length; index++) {
      this.failedIndex = index;
      projection.apply(events[index], db);
    }
    this.failedIndex = -1;
    projection.flush?.(db);
    this.readModels.saveCheckpoint(projection.name, {
      version: projection.version,
      position: events[events.length - 1].position,
      store,
    });
  }
}

/** How a member's `apply` (at `index` of its events) or its flush (index -1) threw. */
interface MemberFailure {
  member: Member;
  index: number;
  error: unknown;
}

/** The store a member's checkpoint names once it applied `events`: the one it had, or the first event's. */
function storeOf(member: Member, events: RecordedEvent[]): StoreIdentity | null {
  return member.store ?? (member.position === 'start' ? { eventId: events[0].id, position: events[0].position } : null);
}

/** The events after `position` (a batch is in order: usually all of them, or none). */
export function eventsAfter(events: RecordedEvent[], position: bigint | 'start'): RecordedEvent[] {
  if (position === 'start' || events[0].position > position) return events;
  if (events[events.length - 1].position <= position) return [];
  return events.filter((event) => event.position > position);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
