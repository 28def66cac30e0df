import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { failCall, writeMessage } from './call-writer.js';
import type { EventFilter } from './event-filter.js';
import type { EventLog, LogPoint } from './event-log.js';
import { streams, type ReadReq, type ReadResp } from './generated-protocol.js';
import { eventResponse } from './wire-format.js';

/** How a test makes the connection of a subscription go away. */
export type DropMode = 'unavailable' | 'end-of-stream';

/**
 * One subscription to $all: a confirmation, the catch-up events after the start point, `caught_up`,
 * then live events as they are appended. It walks the log with a cursor, so no event appended
 * while it catches up is missed.
 */
export class AllSubscription {
  private readonly abort = new AbortController();
  private cursor: number;
  private wakeUp: () => void = () => {};

  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly log: EventLog,
    from: LogPoint,
    private readonly include: EventFilter,
    private readonly onFinished: (subscription: AllSubscription) => void,
  ) {
    this.cursor = log.firstIndexAfter(from);
    call.on('cancelled', () => this.finish());
  }

  get active(): boolean {
    return !this.abort.signal.aborted;
  }

  async run(): Promise<void> {
    const stopListening = this.log.onAppended(() => this.wakeUp());
    try {
      const confirmation = new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
      await this.send(new streams.ReadResp().setConfirmation(confirmation));
      await this.sendAppendedEvents();
      await this.send(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()));
      while (this.active) {
        await this.nextAppend();
        await this.sendAppendedEvents();
      }
    } catch (error) {
      if (this.active) throw error;
    } finally {
      stopListening();
      this.finish();
    }
  }

  drop(mode: DropMode): void {
    if (!this.active) return;
    this.finish();
    if (mode === 'unavailable') failCall(this.call, status.UNAVAILABLE, 'Connection dropped (test double)');
    else this.call.end();
  }

  finish(): void {
    if (!this.active) return;
    this.abort.abort();
    this.wakeUp();
    this.onFinished(this);
  }

  private async sendAppendedEvents(): Promise<void> {
    for (let event = this.log.at(this.cursor); event && this.active; event = this.log.at(this.cursor)) {
      this.cursor += 1;
      if (this.include(event)) await this.send(eventResponse(event));
    }
  }

  private nextAppend(): Promise<void> {
    if (!this.active || this.log.at(this.cursor)) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakeUp = () => {
        this.wakeUp = () => {};
        resolve();
      };
    });
  }

  private send(message: ReadResp): Promise<void> {
    return writeMessage(this.call, message, this.abort.signal);
  }
}
