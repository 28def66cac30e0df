import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/core';
import { ResponderModel, RotationModel } from '@app/scheduling';
import {
  EscalationLayerValue,
  PageCancelReasonValue,
  PageLayerValue,
  PageStateValue,
  PageTriggerValue,
  SelectionRuleValue,
  SkipReasonValue,
} from '../escalations.enums.js';

@ObjectType('PageCandidate', { description: 'Someone the pager considered, with what it knew about them' })
export class PageCandidateModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field()
  online: boolean;

  @Field({ nullable: true, description: 'When they were last paged before this page' })
  lastEscalatedAt?: Date;

  @Field(() => ID, { nullable: true, description: 'The open S1/S2 escalation they were already DRI of' })
  busyWithEscalationId?: string;

  @Field({ description: 'The schedule made them their rotation’s DRI at the time' })
  isDri: boolean;

  @Field()
  chosen: boolean;
}

@ObjectType('PageSelection', { description: 'Why the page went to its recipients' })
export class PageSelectionModel {
  @Field(() => SelectionRuleValue)
  rule: SelectionRuleValue;

  @Field(() => [PageCandidateModel])
  candidates: PageCandidateModel[];
}

@ObjectType('SkippedPolicyStep')
export class SkippedPolicyStepModel {
  @Field(() => Int, { description: 'The policy step, numbered from 1' })
  step: number;

  @Field(() => EscalationLayerValue)
  layer: EscalationLayerValue;

  @Field(() => SkipReasonValue)
  reason: SkipReasonValue;

  @Field(() => ID, { nullable: true })
  busyWithEscalationId?: string;
}

@ObjectType('Page')
export class PageModel {
  @Field(() => ID)
  id: string;

  /** Resolved by PageResolver.escalation (a field, so the two types do not import each other). */
  escalationId: string;

  @Field(() => PageTriggerValue)
  trigger: PageTriggerValue;

  @Field(() => Int, {
    nullable: true,
    description: 'The policy step, numbered from 1 as in the timeline; absent for a backup-pool page',
  })
  step?: number;

  @Field(() => PageLayerValue)
  layer: PageLayerValue;

  @Field(() => RotationModel, { nullable: true })
  rotation?: RotationModel;

  @Field(() => [ResponderModel])
  recipients: ResponderModel[];

  @Field(() => [ResponderModel], { description: 'Shadows get a copy; they are not responsible' })
  shadows: ResponderModel[];

  @Field(() => PageStateValue)
  state: PageStateValue;

  @Field()
  pagedAt: Date;

  @Field({ description: 'Unacknowledged by then, a policy-step page moves to the next step' })
  ackDeadline: Date;

  @Field(() => ResponderModel, { nullable: true })
  acknowledgedBy?: ResponderModel;

  @Field({ nullable: true })
  acknowledgedAt?: Date;

  @Field(() => Int, { nullable: true })
  secondsToAcknowledge?: number;

  @Field(() => Int)
  ackSloSeconds: number;

  @Field({ nullable: true, description: 'Acknowledged within the SLO; false once timed out; absent while waiting' })
  withinSlo?: boolean;

  @Field({ nullable: true })
  resolvedAt?: Date;

  @Field({ nullable: true, description: 'When it timed out or was cancelled' })
  closedAt?: Date;

  @Field(() => PageCancelReasonValue, { nullable: true })
  cancelReason?: PageCancelReasonValue;

  @Field(() => PageSelectionModel)
  selection: PageSelectionModel;

  @Field(() => [SkippedPolicyStepModel], { description: 'Steps passed over before this one, and why' })
  skippedSteps: SkippedPolicyStepModel[];
}

@ObjectType('PageConnection')
export class PageConnection extends Connection(PageModel) {}
