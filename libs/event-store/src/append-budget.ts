import type { NewEvent } from './event-store.port.js';

/**
 * The most one append may carry: its events' data and metadata, as UTF-8 JSON. EventStoreDB
 * refuses an append over 1 MiB (its MaxAppendSize) and would refuse it again at every retry, so
 * the service keeps well under it and refuses such an append itself, before anything is sent.
 */
export const DEFAULT_APPEND_BUDGET_BYTES = 512 * 1024;
/**
 * Every command must still fit: the largest single events (a slot explanation of 500 candidates,
 * about 75 KB; texts of up to 20,000 characters) and a slot-round close chunk of several of them.
 */
export const MIN_APPEND_BUDGET_BYTES = 256 * 1024;
/** EventStoreDB's default MaxAppendSize. */
export const MAX_APPEND_BUDGET_BYTES = 1024 * 1024;

/** An event's data and metadata as the stores write them. */
export interface SerialisedEvent {
  data: string;
  metadata: string;
}

export function serialiseEvent(event: NewEvent): SerialisedEvent {
  return { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}

export function serialisedSize({ data, metadata }: SerialisedEvent): number {
  return Buffer.byteLength(data, 'utf8') + Buffer.byteLength(metadata, 'utf8');
}

/** The size an append is measured by: the sum of its events' data and metadata bytes. */
export function appendSize(events: NewEvent[]): number {
  return events.reduce((sum, event) => sum + serialisedSize(serialiseEvent(event)), 0);
}

/**
 * An append larger than the budget: a defect of the command that decided it (it should have
 * written its decision in chunks), never the user's mistake. Nothing of it is stored.
 */
export class AppendBudgetExceededError extends Error {
  constructor(
    readonly streamId: string,
    readonly bytes: number,
    readonly budgetBytes: number,
    readonly eventCount: number,
  ) {
    super(
      `Append to ${streamId} refused: ${eventCount} event(s) of ${bytes} bytes exceed the append budget of ${budgetBytes} bytes (APPEND_BUDGET_BYTES)`,
    );
    this.name = 'AppendBudgetExceededError';
  }
}

/** Throws AppendBudgetExceededError when `bytes` exceed the budget. */
export function assertWithinAppendBudget(streamId: string, bytes: number, budgetBytes: number, eventCount: number) {
  if (bytes > budgetBytes) throw new AppendBudgetExceededError(streamId, bytes, budgetBytes, eventCount);
}

/**
 * Splits events, in order, into the fewest consecutive chunks each within the budget. An event
 * that alone exceeds it is its own chunk (the store then refuses it).
 */
export function chunkWithinBudget<T extends NewEvent>(events: T[], budgetBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = serialisedSize(serialiseEvent(event));
    if (current.length > 0 && bytes + size > budgetBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Injection token: the configured budget, for commands that write their decisions in chunks. */
export const APPEND_BUDGET_BYTES = Symbol('APPEND_BUDGET_BYTES');
