import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ActorModel, Connection, enumFromList, PageArgs } from '@app/core';
import { WEBHOOK_EVENT_KINDS, type WebhookEventKind } from '../domain/webhook-event-kinds.js';
import { WEBHOOK_DELIVERY_STATES, type WebhookDeliveryStatus } from '../projections/webhook-subscription.queries.js';

export const WebhookEventKindValue = enumFromList(WEBHOOK_EVENT_KINDS, 'WebhookEventKind', {
  description: 'What an outbound webhook is told about (rapid-action updates of public actions only)',
});

export const WebhookDeliveryStateValue = enumFromList(WEBHOOK_DELIVERY_STATES, 'WebhookDeliveryState', {
  description: 'PENDING: not yet delivered (first attempt or a retry due); CANCELLED: its subscription was deleted',
});
export type WebhookDeliveryStateValue = WebhookDeliveryStatus;

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @Field({ description: 'http or https; not a loopback, private or link-local address' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url: string;

  @Field(() => [WebhookEventKindValue])
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_KINDS.length)
  @IsIn(WEBHOOK_EVENT_KINDS, { each: true })
  eventKinds: WebhookEventKind[];
}

@ObjectType('WebhookDelivery', { description: 'One source event owed to one subscription, with its attempts' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'Also the webhook-id header: the same on every retry' })
  id: string;

  @Field({ description: 'The `type` the receiver sees, e.g. escalation.raised' })
  eventType: string;

  @Field(() => ID)
  sourceEventId: string;

  @Field(() => WebhookDeliveryStateValue)
  state: WebhookDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer' })
  lastStatusCode?: number;

  @Field({ nullable: true })
  lastError?: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastAttemptAt?: Date;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (pending deliveries)' })
  nextAttemptAt?: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt?: Date;
}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDeliveryModel) {}

@ObjectType('WebhookSubscription')
export class WebhookSubscriptionModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  url: string;

  @Field(() => [WebhookEventKindValue])
  eventKinds: WebhookEventKind[];

  @Field(() => ActorModel)
  createdBy: ActorModel;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType()
export class WebhookSubscriptionConnection extends Connection(WebhookSubscriptionModel) {}

@ObjectType('CreatedWebhookSubscription')
export class CreatedWebhookSubscriptionModel {
  @Field({ description: 'The Standard Webhooks signing secret (whsec_…): shown this once, never again' })
  secret: string;

  @Field(() => WebhookSubscriptionModel)
  subscription: WebhookSubscriptionModel;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => WebhookDeliveryStateValue, { nullable: true })
  @IsOptional()
  @IsEnum(WebhookDeliveryStateValue)
  state?: WebhookDeliveryStatus;
}
