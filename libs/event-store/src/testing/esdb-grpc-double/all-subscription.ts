import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { failCall, writeMessage } from './call-writer.js';
import type { SubscriptionFilter } from './event-filter.js';
import type { EventLog, LogPoint, StoredEvent } from './event-log.js';
import { streams, type ReadReq, type ReadResp } from './generated-protocol.js';
import { eventResponse } from './wire-format.js';

/** How a test makes the connection of a subscription go away. */
export type DropMode = 'unavailable' | 'end-of-stream';

/** The server's live buffer (Enumerator.MaxLiveEventBufferCount): a subscriber further behind falls back to catching up. */
export const LIVE_BUFFER_EVENTS = 32;

/**
 * One subscription to $all, in the order the 24.10 server sends it (Enumerator.AllSubscription
 * and AllSubscriptionFiltered): a confirmation; the catch-up events after the start point;
 * `caught_up`; then live events as they are appended. A filtered subscription also gets a
 * checkpoint each time its checkpoint interval of events has been considered (filtered out or
 * not), and one when its catch-up ends. A live subscriber that falls more than the server's live
 * buffer behind goes back to catching up (with a checkpoint), then sends `caught_up` again; like
 * the server, it never sends `fell_behind` (Streams.Read.cs: "currently not sent to clients").
 * It walks the log with a cursor, so no event appended while it catches up is missed.
 */
export class AllSubscription {
  private readonly abort = new AbortController();
  private cursor: number;
  private considered = 0;
  private lastSent: bigint | undefined;
  private lastCheckpoint: bigint | undefined;
  private wakeUp: () => void = () => {};

  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly log: EventLog,
    from: LogPoint,
    private readonly filter: SubscriptionFilter,
    private readonly onFinished: (subscription: AllSubscription) => void,
  ) {
    this.cursor = log.firstIndexAfter(from);
    if (typeof from === 'bigint') this.lastSent = from;
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
      if (this.log.at(this.cursor)) await this.catchUp();
      await this.send(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()));
      while (this.active) {
        await this.nextAppend();
        if (this.log.length - this.cursor > LIVE_BUFFER_EVENTS) {
          await this.sendCheckpoint(this.lastSent);
          await this.catchUp();
          await this.send(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()));
        } else {
          await this.sendAppendedEvents();
        }
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

  /** Reads up to the end of the log, then a filtered subscription marks the end with a checkpoint. */
  private async catchUp(): Promise<void> {
    await this.sendAppendedEvents();
    if (this.filter.checkpointInterval !== undefined) await this.sendCheckpoint(this.lastSent ?? this.lastCheckpoint);
  }

  private async sendAppendedEvents(): Promise<void> {
    for (let event = this.log.at(this.cursor); event && this.active; event = this.log.at(this.cursor)) {
      this.cursor += 1;
      if (this.filter.include(event)) {
        await this.send(eventResponse(event));
        this.lastSent = event.position;
      }
      await this.countConsidered(event);
    }
  }

  private async countConsidered(event: StoredEvent): Promise<void> {
    const interval = this.filter.checkpointInterval;
    if (interval === undefined) return;
    this.considered += 1;
    if (this.considered < interval) return;
    this.considered = 0;
    await this.sendCheckpoint(event.position);
  }

  /** A checkpoint never goes back, and the same one is not sent twice (as MoveNextAsync skips them). */
  private async sendCheckpoint(position: bigint | undefined): Promise<void> {
    if (this.filter.checkpointInterval === undefined || position === undefined) return;
    if (this.lastCheckpoint !== undefined && position <= this.lastCheckpoint) return;
    this.lastCheckpoint = position;
    const checkpoint = new streams.ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString());
    await this.send(new streams.ReadResp().setCheckpoint(checkpoint));
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
