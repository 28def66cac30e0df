import { ActorModel } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Ineligibility, OnCallReasonKind } from '../scheduling.enums.js';
import { ResponderModel } from './responder.model.js';
import { RotationModel } from './rotation.model.js';
import { SlotModel } from './slot-round.model.js';

@ObjectType('SkippedResponder')
export class SkippedResponderModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => Ineligibility)
  why: Ineligibility;
}

@ObjectType('OnCallReason', {
  description:
    'Why this responder is on call: their turn, an override, a swap, or a weekend slot they volunteered for or were assigned.',
})
export class OnCallReasonModel {
  @Field(() => OnCallReasonKind)
  kind: OnCallReasonKind;

  @Field({ nullable: true })
  overrideId?: string;

  @Field({ nullable: true })
  swapId?: string;

  @Field(() => ID, { nullable: true, description: 'The slot round, for VOLUNTEER and AUTOMATIC' })
  slotRoundId?: string;

  @Field(() => SlotModel, {
    nullable: true,
    description: 'The weekend slot, with the candidates and figures of an automatic assignment',
  })
  slot?: SlotModel;

  @Field(() => ResponderModel, { nullable: true, description: 'Whom an override or a slot covers for' })
  replaced?: ResponderModel;

  @Field(() => ResponderModel, { nullable: true, description: 'Whose turn a swap took' })
  swappedWith?: ResponderModel;

  @Field(() => ActorModel, { nullable: true, description: 'Who scheduled the override or swap' })
  actor?: ActorModel;

  @Field(() => [SkippedResponderModel], { description: 'Who was passed over for this turn, and why' })
  skipped: SkippedResponderModel[];
}

@ObjectType('OnCallShift')
export class OnCallShiftModel {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field({ description: 'Start of this stretch on call' })
  start: Date;

  @Field({ description: 'End of this stretch on call' })
  end: Date;

  @Field(() => Int, { nullable: true, description: 'The turn this stretch belongs to' })
  shiftNumber?: number;

  @Field({ nullable: true, description: 'Start of the turn or weekend slot: what swapShifts names' })
  shiftStart?: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'A stable id of the turn or weekend slot (its rotation and start): swapShifts takes it as shiftId',
  })
  shiftId?: string;

  @Field({ nullable: true })
  shiftEnd?: Date;

  @Field({ description: 'True when this responder is the DRI at the instant asked about' })
  isDri: boolean;

  @Field(() => OnCallReasonModel)
  reason: OnCallReasonModel;
}

@ObjectType('RotationOnCall')
export class RotationOnCallModel {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field()
  at: Date;

  @Field(() => [OnCallShiftModel])
  onCall: OnCallShiftModel[];

  @Field(() => OnCallShiftModel, { nullable: true, description: 'The DRI, when this rotation holds the DRI window' })
  dri?: OnCallShiftModel;

  @Field(() => [ResponderModel], { description: 'Shadows: paged to learn, not responsible' })
  shadows: ResponderModel[];
}
