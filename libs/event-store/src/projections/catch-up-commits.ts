import type { RecordedEvent } from '../event-store.port.js';
import type { ProjectionBatching } from './projection-batching.js';
import type { MemberOutcome, ProjectionPass } from './projection-pass.js';
import type { ReadModelDatabase } from './read-model-database.js';

/**
 * While the projections catch up, batches before the store's head at start share one read-model
 * commit until they hold `eventsPerCatchUpCommit` events: a commit writes every page its batches touched,
 * and random keys touch most pages of a large read model whatever the batch's size. Queries on the
 * read-model connection see the open transaction's rows; a crash loses only what was not committed
 * (the checkpoints are in the same transaction). The batch that reaches the head at start commits
 * with everything before it, so the service is ready, and the live tail hears of an event, only
 * once it is committed.
 */
export class CatchUpCommits {
  /** The pass whose batches are in the open transaction. */
  private pass?: ProjectionPass;
  private idle?: NodeJS.Timeout;

  constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly batching: Pick<ProjectionBatching, 'eventsPerCatchUpCommit' | 'idleCommitMs'>,
    /** Everything since the pass's last commit was rolled back: its members must start again from their checkpoints. */
    private readonly lost: (pass: ProjectionPass, error: unknown) => void,
  ) {}

  /**
   * A batch may stay uncommitted when it is all before the store's head at start, its pass is the
   * only one, and none of its members was started again after such a transaction was rolled back.
   */
  mayLeaveOpen(
    pass: ProjectionPass,
    events: RecordedEvent[],
    head: bigint | 'start' | undefined,
    passes: number,
  ): boolean {
    if (this.batching.eventsPerCatchUpCommit <= 0 || head === undefined || head === 'start' || passes !== 1)
      return false;
    if (events[events.length - 1].position >= head) return false;
    for (const member of pass.members) if (member.commitEachBatch) return false;
    return true;
  }

  /** Applies the batch in the open transaction (committing it once it holds enough); throws, all rolled back, when a member throws. */
  apply(pass: ProjectionPass, events: RecordedEvent[]): MemberOutcome[] {
    if (this.pass && this.pass !== pass) this.commit();
    const { outcomes, open } = pass.applyLeavingOpen(events);
    this.pass = pass;
    if (open >= this.batching.eventsPerCatchUpCommit) this.commit();
    else this.commitWhenIdle();
    return outcomes;
  }

  /** Commits the open transaction, if any; when that fails, its pass's members are started again. */
  commit(): void {
    clearTimeout(this.idle);
    const pass = this.pass;
    this.pass = undefined;
    try {
      this.readModels.commitOpen();
    } catch (error) {
      if (pass) this.lost(pass, error);
    }
  }

  /** Commits first when `pass` left the open transaction (it is closing). */
  closing(pass: ProjectionPass): void {
    if (this.pass === pass) this.commit();
  }

  private commitWhenIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.commit(), this.batching.idleCommitMs);
    this.idle.unref();
  }
}
