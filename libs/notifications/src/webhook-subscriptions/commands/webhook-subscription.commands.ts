import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { OutboundHttp } from '../../outbound/outbound-http.js';
import { NotificationKeys } from '../../secrets/notification-keys.js';
import type { WebhookEventKind } from '../domain/webhook-event-kinds.js';
import { webhookSubscriptionDecider, webhookSubscriptionStream } from '../domain/webhook-subscription.decider.js';
import { WebhookSubscriptionsPolicy } from '../webhook-subscriptions.policy.js';

export interface NewWebhookSubscription {
  name: string;
  url: string;
  eventKinds: WebhookEventKind[];
}

/** Creates a subscription; answers its id and its signing secret, which is shown this once. */
export class CreateWebhookSubscriptionCommand extends Command<{ subscriptionId: string; secret: string }> {
  constructor(
    readonly input: NewWebhookSubscription,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class DeleteWebhookSubscriptionCommand extends Command<void> {
  constructor(
    readonly subscriptionId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CreateWebhookSubscriptionCommand)
export class CreateWebhookSubscriptionHandler implements ICommandHandler<CreateWebhookSubscriptionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: WebhookSubscriptionsPolicy,
    private readonly http: OutboundHttp,
    private readonly keys: NotificationKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateWebhookSubscriptionCommand) {
    this.access.assertCanManage(context);
    const problem = await this.http.destinationProblem(input.url);
    if (problem) throw new BadUserInputError('url', `The webhook URL ${problem}`);
    const subscriptionId = randomUUID();
    await this.runner.run(
      webhookSubscriptionStream(subscriptionId),
      webhookSubscriptionDecider,
      {
        type: 'CreateWebhookSubscription',
        subscriptionId,
        name: input.name.trim(),
        url: input.url,
        eventKinds: [...new Set(input.eventKinds)],
        createdBy: context.actor,
        at: this.clock.now().toISOString(),
      },
      context,
    );
    return { subscriptionId, secret: this.keys.webhookSecret(subscriptionId) };
  }
}

@CommandHandler(DeleteWebhookSubscriptionCommand)
export class DeleteWebhookSubscriptionHandler implements ICommandHandler<DeleteWebhookSubscriptionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: WebhookSubscriptionsPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subscriptionId, context }: DeleteWebhookSubscriptionCommand): Promise<void> {
    this.access.assertCanManage(context);
    await this.runner.run(
      webhookSubscriptionStream(subscriptionId),
      webhookSubscriptionDecider,
      { type: 'DeleteWebhookSubscription', subscriptionId, by: context.actor, at: this.clock.now().toISOString() },
      context,
    );
  }
}
