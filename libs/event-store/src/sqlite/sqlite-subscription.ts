import type { EventEmitter } from 'node:events';
import type {
  RecordedEvent,
  StoreSubscription,
  SubscribeToAllOptions,
  SubscriptionCallbacks,
} from '../event-store.port.js';
import { isSkippedRow, type StoredRow } from './sqlite-event-rows.js';

interface AllReader {
  readRowsSync(fromPosition: bigint | 'start', maxCount: number): StoredRow[];
}

/**
 * Reads batches after its position until none is left, then sleeps until this process appends
 * (or a poll interval passes, for writers in other processes).
 */
export class SqliteSubscription implements StoreSubscription {
  private position: bigint | 'start';
  private closed = false;
  private wake: () => void = () => {};
  private running: Promise<void> = Promise.resolve();
  private readonly onAppended = () => this.wake();

  constructor(
    private readonly reader: AllReader,
    private readonly appended: EventEmitter,
    options: SubscribeToAllOptions,
    private readonly callbacks: SubscriptionCallbacks,
    private readonly pollIntervalMs: number,
    private readonly onClosed: () => void,
  ) {
    this.position = options.fromPosition;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
  }

  private readonly maxBatchSize: number;

  start(): void {
    this.appended.on('appended', this.onAppended);
    this.running = this.run();
  }

  private async run(): Promise<void> {
    try {
      while (!this.closed) {
        const from = this.position === 'start' ? 'start' : this.position + 1n;
        const rows = this.reader.readRowsSync(from, this.maxBatchSize);
        if (rows.length > 0) {
          const events: RecordedEvent[] = [];
          for (const row of rows) {
            if (isSkippedRow(row)) this.callbacks.onSkipped?.(row.skipped);
            else events.push(row);
          }
          if (events.length > 0) await this.callbacks.onEvents(events);
          const last = rows[rows.length - 1];
          this.position = isSkippedRow(last) ? last.skipped.position : last.position;
          // A handler that settles at once would keep this loop in microtasks, starving HTTP and
          // timers for a whole catch-up: give the event loop a turn between batches.
          await new Promise((resolve) => setImmediate(resolve));
        } else {
          await this.sleep();
        }
      }
    } catch (error) {
      this.stop();
      this.callbacks.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = () => {};
        resolve();
      }
      this.wake = done;
    });
  }

  private stop(): void {
    if (this.closed) return;
    this.closed = true;
    this.appended.off('appended', this.onAppended);
    this.wake();
    this.onClosed();
  }

  async close(): Promise<void> {
    this.stop();
    await this.running;
  }
}
