import { ActorModel, Connection } from '@app/core';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SlotExclusionValue, SlotFillValue } from '../scheduling.enums.js';
import { ResponderModel } from './responder.model.js';
import { RotationModel } from './rotation.model.js';

@ObjectType('SlotCandidate', { description: 'A participant considered for a slot, with the figures compared.' })
export class SlotCandidateModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => Int, { nullable: true, description: '1 = chosen; absent when excluded' })
  rank?: number;

  @Field(() => SlotExclusionValue, { nullable: true })
  excluded?: SlotExclusionValue;

  @Field(() => Int, { description: 'Weekend slots held in the slot’s quarter, earlier picks of the round included' })
  weekendSlotsThisQuarter: number;

  @Field(() => Float, { description: 'On-call hours over the twelve months before the deadline' })
  onCallHoursLast12Months: number;

  @Field({ nullable: true, description: 'End of their latest earlier slot; absent: never had one' })
  lastSlotEnd?: Date;
}

@ObjectType('SlotAssignmentExplanation', {
  description:
    'Why a slot went to whom: among those not excluded, fewest weekend slots this quarter, then fewest on-call hours over twelve months, then longest since their last slot, then turn order.',
})
export class SlotAssignmentExplanationModel {
  @Field({ description: 'Calendar quarter of the slot in the rotation’s zone, e.g. 2026-Q3' })
  quarter: string;

  @Field({ description: 'Start of the twelve months on-call hours were counted over' })
  hoursFrom: Date;

  @Field({ description: 'End of that range: the deadline' })
  hoursTo: Date;

  @Field(() => [SlotCandidateModel], { description: 'Chosen first, then the others as ranked, then those excluded' })
  candidates: SlotCandidateModel[];
}

@ObjectType('Slot')
export class SlotModel {
  @Field(() => ID)
  id: string;

  @Field()
  start: Date;

  @Field()
  end: Date;

  @Field(() => ResponderModel, { nullable: true })
  volunteer?: ResponderModel;

  @Field(() => ResponderModel, { nullable: true, description: 'Who the slot went to when the round closed' })
  assignee?: ResponderModel;

  @Field(() => SlotFillValue, { nullable: true })
  how?: SlotFillValue;

  @Field(() => SlotAssignmentExplanationModel, {
    nullable: true,
    description: 'For automatic assignments and slots left open: the candidates and figures compared',
  })
  explanation?: SlotAssignmentExplanationModel;
}

@ObjectType('SlotRound', {
  description: 'Weekend or holiday slots of a rotation, open for volunteers until a deadline.',
})
export class SlotRoundModel {
  @Field(() => ID)
  id: string;

  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field()
  title: string;

  @Field({ description: 'The zone the slots were given in' })
  timeZone: string;

  @Field()
  volunteerDeadline: Date;

  @Field({ description: 'True once the deadline has passed and the slots were filled' })
  closed: boolean;

  @Field({ nullable: true })
  closedAt?: Date;

  @Field(() => ActorModel)
  publishedBy: ActorModel;

  @Field(() => [SlotModel])
  slots: SlotModel[];
}

@ObjectType('SlotRoundConnection')
export class SlotRoundConnection extends Connection(SlotRoundModel) {}
