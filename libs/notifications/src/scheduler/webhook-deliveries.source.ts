import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, systemContext, type Clock } from '@app/core';
import { CommandRunner, DueTaskSourceProvider, type DueTask, type DueTaskSource, firstDueAt } from '@app/event-store';
import { ChannelError } from '../channels/notification-channel.js';
import { assertDelivered, OutboundHttp } from '../outbound/outbound-http.js';
import { nextAttemptAt, type BackoffPolicy } from '../outbound/retry-backoff.js';
import { StandardWebhookSigner, type StandardWebhookMessage } from '../outbound/standard-webhook-signer.js';
import {
  webhookDeliveryDecider,
  webhookDeliveryStream,
} from '../webhook-subscriptions/domain/webhook-delivery.decider.js';
import {
  WebhookSubscriptionQueries,
  type WebhookDeliveryRow,
} from '../webhook-subscriptions/projections/webhook-subscription.queries.js';

type DueDelivery = WebhookDeliveryRow & { url: string };

/** Deliveries due at once are sent together, this many at a time. */
export const WEBHOOK_SEND_CONCURRENCY = 16;

export const WEBHOOK_BACKOFF: BackoffPolicy = { maxAttempts: 6, baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 };

/** How long a claimed attempt is someone's before another instance may take it over. */
const CLAIM_LEASE_MS = 60_000;

interface DeliveryBatch extends DueTask {
  deliveries: DueDelivery[];
}

/**
 * Sends what the webhook outbox owes, when it is due (the clock's time): each attempt is claimed
 * on the delivery's stream, sent signed (webhook-id = the delivery id, the same on every retry),
 * and its outcome recorded; failures are tried again with exponential backoff and jitter, up to
 * WEBHOOK_BACKOFF.maxAttempts, then marked failed.
 */
@DueTaskSourceProvider()
@Injectable()
export class WebhookDeliveriesSource implements DueTaskSource<DeliveryBatch> {
  readonly name = 'webhook-deliveries';
  private readonly logger = new Logger(WebhookDeliveriesSource.name);

  constructor(
    private readonly queries: WebhookSubscriptionQueries,
    private readonly http: OutboundHttp,
    private readonly signer: StandardWebhookSigner,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Batches of deliveries due now; a batch's id names its first delivery and attempt. */
  nextDueAt(): Date | undefined {
    return firstDueAt(this);
  }

  due(now: Date, limit: number): DeliveryBatch[] {
    const due = this.queries.due(now, limit);
    const batches: DeliveryBatch[] = [];
    for (let i = 0; i < due.length; i += WEBHOOK_SEND_CONCURRENCY) {
      const deliveries = due.slice(i, i + WEBHOOK_SEND_CONCURRENCY);
      const first = deliveries[0];
      batches.push({
        taskId: `${first.deliveryId}#${first.attempts + 1}@${first.dueAt}`,
        dueAt: new Date(first.dueAt),
        deliveries,
      });
    }
    return batches;
  }

  async run({ deliveries }: DeliveryBatch): Promise<void> {
    await Promise.all(
      deliveries.map((delivery) =>
        this.deliver(delivery).catch((error: Error) =>
          this.logger.error(`Webhook delivery ${delivery.deliveryId} could not be recorded: ${error.message}`),
        ),
      ),
    );
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const { deliveryId, subscriptionId } = delivery;
    const stream = webhookDeliveryStream(deliveryId);
    const context = systemContext(deliveryId);
    const attempt = delivery.attempts + 1;
    const claimedAt = this.clock.now();
    const claim = await this.runner.run(
      stream,
      webhookDeliveryDecider,
      {
        type: 'ClaimAttempt',
        deliveryId,
        subscriptionId,
        attempt,
        at: claimedAt.toISOString(),
        leaseUntil: new Date(claimedAt.getTime() + CLAIM_LEASE_MS).toISOString(),
      },
      context,
    );
    if (claim.events.length === 0) return;

    const message = JSON.parse(delivery.payload) as StandardWebhookMessage;
    const { body, headers } = this.signer.sign(subscriptionId, deliveryId, claimedAt, message);
    let statusCode: number | null = null;
    let failure: ChannelError | undefined;
    try {
      const response = await this.http.post(delivery.url, body, headers);
      statusCode = response.status;
      assertDelivered(response, 'The receiver');
    } catch (error) {
      failure = error instanceof ChannelError ? error : new ChannelError((error as Error).message, true);
    }
    const at = this.clock.now();
    const retryAt = failure?.retryable ? nextAttemptAt(WEBHOOK_BACKOFF, deliveryId, attempt, at) : undefined;
    await this.runner.run(
      stream,
      webhookDeliveryDecider,
      {
        type: 'RecordAttempt',
        deliveryId,
        subscriptionId,
        attempt,
        at: at.toISOString(),
        outcome: !failure ? 'DELIVERED' : retryAt ? 'RETRYING' : 'FAILED',
        statusCode,
        error: failure ? failure.message.slice(0, 500) : null,
        nextAttemptAt: retryAt?.toISOString() ?? null,
      },
      context,
    );
  }
}
