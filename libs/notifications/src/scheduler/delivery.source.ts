import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, systemContext, type Clock } from '@app/core';
import {
  CommandRunner,
  deterministicId,
  DueTaskSourceProvider,
  EVENT_STORE,
  fold,
  ProjectionRunner,
  toDomainEvent,
  WrongExpectedRevisionError,
  type DueTask,
  type DueTaskSource,
  type EventStore,
  type RecordedEvent,
  firstDueAt,
} from '@app/event-store';
import { ChannelRegistry } from '../channels/channel-registry.js';
import { ChannelError, type DeliveryResult } from '../channels/notification-channel.js';
import { contactMethodDecider } from '../domain/contact-method/contact-method.decider.js';
import { contactMethodStream } from '../domain/contact-method/contact-method.events.js';
import { deliveryDecider, type DeliveryCommand } from '../domain/delivery/delivery.decider.js';
import { deliveryStream, type DeliveryEvent, type DeliveryFacts } from '../domain/delivery/delivery.events.js';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';
import { DeliveryQueries, type DeliveryRow } from '../projections/delivery.queries.js';
import { MessageComposer } from '../delivery/message-composer.js';

interface DeliveryTask extends DueTask {
  row: DeliveryRow;
}

type Outcome = Extract<DeliveryCommand, { type: 'RecordOutcome' }>['outcome'];

const MAX_ERROR_LENGTH = 500;

/**
 * Sends each planned delivery at its due instant. A send is first claimed on the store (a
 * NotificationSendStarted appended with the revision read), so of two instances only one sends;
 * the result is appended after it. A claim left without a result (the process died) is claimed
 * again once its lease has run out: the receiver may see a message twice, with the same deliveryId.
 */
@DueTaskSourceProvider()
@Injectable()
export class DeliverySource implements DueTaskSource<DeliveryTask> {
  readonly name = 'notification-deliveries';
  private readonly logger = new Logger(DeliverySource.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
    private readonly projections: ProjectionRunner,
    private readonly runner: CommandRunner,
    private readonly deliveries: DeliveryQueries,
    private readonly methods: ContactMethodQueries,
    private readonly channels: ChannelRegistry,
    private readonly composer: MessageComposer,
  ) {}

  nextDueAt(): Date | undefined {
    return firstDueAt(this);
  }

  due(now: Date, limit: number): DeliveryTask[] {
    return this.deliveries.due(now, limit).map((row) => ({
      taskId: `${row.deliveryId}:${row.status}:${row.attempts}`,
      dueAt: new Date(row.dueAt),
      row,
    }));
  }

  async run({ row }: DeliveryTask): Promise<void> {
    if (row.status === 'DELIVERED') return this.verifyWebhook(row);
    if (!this.stillWanted(row)) return;
    const facts = factsOf(row);
    const stream = deliveryStream(row.deliveryId);
    const recorded = await this.store.readStream(stream);
    const now = this.clock.now();
    const at = now.toISOString();
    const claim = await this.append(stream, recorded, {
      type: 'StartSend',
      facts,
      at,
      leaseUntil: new Date(now.getTime() + this.options.sendLeaseMs).toISOString(),
      retry: this.options.retry,
      eventId: randomUUID(),
    });
    const started = claim?.findLast((e) => e.type === 'NotificationSendStarted');
    if (!claim || !started) return;
    const attempt = (started.data as { attempt: number }).attempt;
    const outcome = await this.send(row, now);
    const result = await this.append(stream, claim, {
      type: 'RecordOutcome',
      facts,
      attempt,
      at: this.clock.now().toISOString(),
      retry: this.options.retry,
      outcome,
      eventIds: (part) => deterministicId(row.deliveryId, String(attempt), part),
    });
    if (!outcome.ok) this.logger.warn(`Delivery ${row.deliveryId} attempt ${attempt} failed: ${outcome.error}`);
    if (result && outcome.ok) await this.verifyWebhook(row);
  }

  /** A page answered meanwhile, or a method removed or verified, needs no message any more. */
  private stillWanted(row: DeliveryRow): boolean {
    if (row.messageKind === 'VERIFICATION') {
      const method = this.methods.byId(row.contactMethodId);
      return !!method && !method.verified && method.verification?.verificationId === row.verificationId;
    }
    if (row.messageKind === 'PAGE' && row.pageId) return this.deliveries.pageWaiting(row.pageId);
    return true;
  }

  private async send(row: DeliveryRow, now: Date): Promise<Outcome> {
    const channel = this.channels.find(row.channel);
    if (!channel) return { ok: false, error: `No ${row.channel} channel is available`, retryable: false };
    let result: DeliveryResult;
    try {
      const message = await this.composer.compose(row, now);
      result = await channel.send(row.address, message);
    } catch (error) {
      const retryable = error instanceof ChannelError ? error.retryable : true;
      return { ok: false, error: String((error as Error).message).slice(0, MAX_ERROR_LENGTH), retryable };
    }
    return { ok: true, ...(result.externalId ? { externalId: result.externalId } : {}) };
  }

  /**
   * Appends what the delivery decider decides on the stream as recorded; answers the stream's
   * events afterwards, or undefined when nothing was appended (another instance got there first).
   */
  private async append(
    stream: string,
    recorded: RecordedEvent[],
    command: DeliveryCommand,
  ): Promise<RecordedEvent[] | undefined> {
    const state = fold(deliveryDecider, recorded.map(toDomainEvent<DeliveryEvent>));
    const events = deliveryDecider.decide(command, state);
    if (events.length === 0) return undefined;
    const expected = recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision;
    const context = systemContext(command.facts.deliveryId);
    const at = this.clock.now().toISOString();
    try {
      const result = await this.store.append(
        stream,
        events.map((e) => ({
          id: e.id ?? randomUUID(),
          type: e.type,
          data: e.data as unknown as Record<string, unknown>,
          metadata: {
            actor: context.actor,
            correlationId: context.correlationId,
            causationId: null,
            occurredAt: at,
            schemaVersion: 1,
          },
        })),
        expected,
      );
      await this.projections.waitFor(result.position);
      return [...recorded, ...(await this.store.readStream(stream, { fromRevision: BigInt(recorded.length) }))];
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    }
  }

  /** A webhook is verified by the signed VERIFICATION message it answered with a 2xx. */
  private async verifyWebhook(row: DeliveryRow): Promise<void> {
    if (row.messageKind !== 'VERIFICATION' || row.channel !== 'WEBHOOK' || !row.verificationId) return;
    await this.runner.run(
      contactMethodStream(row.contactMethodId),
      contactMethodDecider,
      {
        type: 'VerifyByDelivery',
        contactMethodId: row.contactMethodId,
        verificationId: row.verificationId,
        at: this.clock.now().toISOString(),
        eventId: deterministicId(row.deliveryId, 'verified'),
      },
      systemContext(row.deliveryId),
    );
  }
}

function factsOf(row: DeliveryRow): DeliveryFacts {
  return {
    deliveryId: row.deliveryId,
    responderId: row.responderId,
    contactMethodId: row.contactMethodId,
    channel: row.channel,
    address: row.address,
    messageKind: row.messageKind,
    ...(row.pageId ? { pageId: row.pageId } : {}),
    ...(row.escalationId ? { escalationId: row.escalationId } : {}),
  };
}
