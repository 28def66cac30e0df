import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, PageArgs, type RequestContext, actorOf } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import {
  CreateWebhookSubscriptionCommand,
  DeleteWebhookSubscriptionCommand,
} from '../commands/webhook-subscription.commands.js';
import {
  WebhookSubscriptionQueries,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from '../projections/webhook-subscription.queries.js';
import { WebhookSubscriptionsPolicy } from '../webhook-subscriptions.policy.js';
import {
  CreatedWebhookSubscriptionModel,
  CreateWebhookSubscriptionInput,
  WebhookDeliveriesArgs,
  WebhookDeliveryConnection,
  type WebhookDeliveryModel,
  WebhookSubscriptionConnection,
  WebhookSubscriptionModel,
} from './webhook-subscription.models.js';

@Resolver(() => WebhookSubscriptionModel)
export class WebhookSubscriptionResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: WebhookSubscriptionQueries,
    private readonly access: WebhookSubscriptionsPolicy,
  ) {}

  @Mutation(() => CreatedWebhookSubscriptionModel, {
    description: 'Admins: sends the chosen event kinds to a URL, signed (Standard Webhooks); the secret is shown once',
  })
  async createWebhookSubscription(
    @Args('input') input: CreateWebhookSubscriptionInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<CreatedWebhookSubscriptionModel> {
    const { subscriptionId, secret } = await this.commands.execute(
      new CreateWebhookSubscriptionCommand(input, context),
    );
    return { secret, subscription: this.subscriptionModel(this.queries.subscription(subscriptionId)) };
  }

  @Mutation(() => WebhookSubscriptionModel, {
    description: 'Admins: stops a subscription; pending deliveries are cancelled',
  })
  async deleteWebhookSubscription(
    @Args('id', { type: () => ID }) id: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<WebhookSubscriptionModel> {
    this.access.assertCanManage(context);
    const before = this.queries.subscription(id);
    await this.commands.execute(new DeleteWebhookSubscriptionCommand(id, context));
    return this.subscriptionModel(before);
  }

  @Query(() => WebhookSubscriptionConnection, { description: 'Admins: outbound webhook subscriptions, oldest first' })
  webhookSubscriptions(@Args() { first, after }: PageArgs, @CurrentRequest() context: RequestContext) {
    this.access.assertCanRead(context);
    const page = this.queries.subscriptions(first, after);
    return { ...page, nodes: page.nodes.map((row) => this.subscriptionModel(row)) };
  }

  @Query(() => WebhookSubscriptionModel, { description: 'Admins: one subscription and its deliveries' })
  webhookSubscription(@Args('id', { type: () => ID }) id: string, @CurrentRequest() context: RequestContext) {
    this.access.assertCanRead(context);
    return this.subscriptionModel(this.queries.subscription(id));
  }

  @ResolveField(() => WebhookDeliveryConnection, { description: 'Newest first' })
  deliveries(
    @Parent() subscription: WebhookSubscriptionModel,
    @Args() { first, after, state }: WebhookDeliveriesArgs,
    @CurrentRequest() context: RequestContext,
  ): WebhookDeliveryConnection {
    this.access.assertCanRead(context);
    const page = this.queries.deliveries(subscription.id, first, after, state);
    return { ...page, nodes: page.nodes.map(deliveryModel) };
  }

  private subscriptionModel(row: WebhookSubscriptionRow): WebhookSubscriptionModel {
    return {
      id: row.subscriptionId,
      name: row.name,
      url: row.url,
      eventKinds: row.eventKinds,
      createdAt: new Date(row.createdAt),
      createdBy: actorOf(row.createdBy),
    };
  }
}

function deliveryModel(row: WebhookDeliveryRow): WebhookDeliveryModel {
  const date = (value: string | null) => (value ? new Date(value) : undefined);
  return {
    id: row.deliveryId,
    eventType: row.eventType,
    sourceEventId: row.sourceEventId,
    state: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode ?? undefined,
    lastError: row.lastError ?? undefined,
    createdAt: new Date(row.createdAt),
    lastAttemptAt: date(row.lastAttemptAt),
    nextAttemptAt: row.status === 'PENDING' ? new Date(row.dueAt) : undefined,
    deliveredAt: date(row.deliveredAt),
  };
}
