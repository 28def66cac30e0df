import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { APPEND_BUDGET_BYTES, chunkWithinBudget, DEFAULT_APPEND_BUDGET_BYTES } from '../append-budget.js';
import { AppendOutcomeUnknownError, WrongExpectedRevisionError } from '../event-store.errors.js';
import {
  EVENT_STORE,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import type { Decider, DomainEvent } from './decider.js';
import { StateSnapshots } from './state-snapshots.js';

export interface CommandOutcome<State, Event extends DomainEvent> {
  state: State;
  events: Event[];
  /** Global position of the last event appended, or undefined when nothing was appended. */
  position?: bigint;
}

/**
 * How often a command is decided again after another writer got there first, and how long it
 * waits in between: exponential backoff with full jitter (a random wait up to 2, 4, 8 … ms, at
 * most 100 ms), so that commands whose decisions commute (notes, updates, presence) all land
 * under bursts of dozens at once, while a hopelessly contested stream still answers CONFLICT
 * after about a second of waiting at most.
 */
export const RETRY_POLICY = { maxAttempts: 16, baseDelayMs: 2, maxDelayMs: 100 } as const;

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
  return random() * ceiling;
}

/**
 * How often an append whose outcome is unknown (a deadline passed, the connection dropped) is
 * sent again unchanged, and how long it waits before each time (times the attempt number).
 */
export const UNKNOWN_OUTCOME_POLICY = { maxAttempts: 4, delayMs: 50 } as const;

export interface RunOptions {
  /**
   * False when the caller neither reads read models nor answers before a later command that
   * waits for them (its events are then applied before that command's): saves a wait.
   */
  awaitProjections?: boolean;
  /**
   * True for a decision that may be larger than one append may carry (APPEND_BUDGET_BYTES): its
   * events are appended in consecutive chunks, each within the budget and each with the revision
   * the previous one left. The decider must then continue a partly recorded decision when decided
   * again on it (after a crash, or when another writer got in between two chunks) with the same
   * event ids, so that the stream ends up holding the events of one decision.
   */
  inChunks?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one command against one stream: read, fold, decide, append with the revision read (the
 * store's, events other clients wrote included). Deciders of long-lived streams keep their state
 * between commands (`keepsState`): a command then reads only the events after the kept state.
 * A concurrent writer makes the append fail; the command is then decided again on fresh state
 * (RETRY_POLICY) before the caller gets a CONFLICT. An append whose outcome is unknown is sent
 * again first, with the same event ids and expected revision (UNKNOWN_OUTCOME_POLICY): the store
 * answers a repeat of stored events as it answered them, so a change is recorded once; only a
 * conflict then makes it read and decide again. Once the events are stored it waits until the
 * projections have applied them, so the caller can read its own writes.
 */
@Injectable()
export class CommandRunner {
  private readonly logger = new Logger(CommandRunner.name);
  private readonly snapshots = new StateSnapshots();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionRunner,
    @Optional()
    @Inject(APPEND_BUDGET_BYTES)
    private readonly appendBudgetBytes: number = DEFAULT_APPEND_BUDGET_BYTES,
  ) {}

  async run<Command, State, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<Command, State, Event>,
    command: Command,
    context: RequestContext,
    { awaitProjections = true, inChunks = false }: RunOptions = {},
  ): Promise<CommandOutcome<State, Event>> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.readState(streamId, decider);
      const events = decider.decide(command, state);
      if (events.length === 0) return { state, events };
      const newEvents = events.map((e) => this.toNewEvent(e, context));
      try {
        const result = inChunks
          ? await this.appendInChunks(streamId, newEvents, revision)
          : await this.appendUntilKnown(streamId, newEvents, revision);
        const next = events.reduce(decider.evolve, state);
        if (decider.keepsState) {
          const last = { id: newEvents[newEvents.length - 1].id, revision: result.nextExpectedRevision };
          this.snapshots.keep(streamId, decider, next, last);
        }
        if (awaitProjections) await this.projections.waitFor(result.position);
        return { state: next, events, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= RETRY_POLICY.maxAttempts) {
          this.logger.warn(`Giving up on ${streamId} after ${attempt} conflicting attempts`);
          throw new ConflictError(`${streamId} was changed concurrently; try again`, { streamId });
        }
        await sleep(retryDelayMs(attempt));
      }
    }
  }

  /**
   * The stream's state and the revision an append after it expects (the store's: events other
   * clients wrote count, though they are not folded). For a decider that keeps its state, only the
   * events from the kept state's last one on are read.
   */
  private async readState<State, Event extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve' | 'keepsState'>,
  ): Promise<{ state: State; revision: ExpectedRevision }> {
    const kept = decider.keepsState ? this.snapshots.get(streamId, decider) : undefined;
    if (kept) {
      const read = await this.store.readStreamWithRevision(streamId, { fromRevision: kept.eventRevision });
      const [first, ...tail] = read.events;
      if (first?.id === kept.eventId && first.revision === kept.eventRevision) {
        return this.folded(streamId, decider, kept.state as State, tail, first, read.revision);
      }
      this.snapshots.forget(streamId);
    }
    const read = await this.store.readStreamWithRevision(streamId);
    return this.folded(streamId, decider, decider.initialState(), read.events, undefined, read.revision);
  }

  private folded<State, Event extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'keepsState'>,
    from: State,
    events: RecordedEvent[],
    keptEvent: RecordedEvent | undefined,
    revision: bigint | 'no_stream',
  ) {
    const state = events.map(toDomainEvent<Event>).reduce(decider.evolve, from);
    const last = events[events.length - 1] ?? keptEvent;
    if (decider.keepsState && last && events.length > 0) this.snapshots.keep(streamId, decider, state, last);
    return { state, revision };
  }

  /** Appends, sending exactly the same events again while the outcome is unknown. */
  private async appendUntilKnown(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.append(streamId, events, expected);
      } catch (error) {
        if (!(error instanceof AppendOutcomeUnknownError) || attempt >= UNKNOWN_OUTCOME_POLICY.maxAttempts) throw error;
        this.logger.warn(`${error.message}; appending the same events again (attempt ${attempt + 1})`);
        await sleep(UNKNOWN_OUTCOME_POLICY.delayMs * attempt);
      }
    }
  }

  private async appendInChunks(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
    let revision = expected;
    let result: AppendResult | undefined;
    for (const chunk of chunkWithinBudget(events, this.appendBudgetBytes)) {
      result = await this.appendUntilKnown(streamId, chunk, revision);
      revision = result.nextExpectedRevision;
    }
    return result!;
  }

  /** Reads the current state of a stream without deciding anything. */
  async load<State, Event extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve' | 'keepsState'>,
  ): Promise<State> {
    return (await this.readState(streamId, decider)).state;
  }

  private toNewEvent(event: DomainEvent, context: RequestContext): NewEvent {
    return {
      id: event.id ?? randomUUID(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
        occurredAt: this.clock.now().toISOString(),
        schemaVersion: event.schemaVersion ?? 1,
      },
    };
  }
}

export function toDomainEvent<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as Event;
}
