import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActorModel, Connection } from '@app/core';
import { EscalationModel, EscalationStateValue, SeverityValue } from '@app/escalations';
import { EscalationNoteModel } from '@app/escalations';
import { ResponderModel, RotationModel } from '@app/scheduling';

@ObjectType('HandoverSummary', { description: 'What the outgoing DRI wrote for whoever takes over' })
export class HandoverSummaryModel {
  @Field()
  status: string;

  @Field()
  tried: string;

  @Field()
  nextSteps: string;

  @Field(() => ResponderModel)
  author: ResponderModel;

  @Field()
  writtenAt: Date;

  @Field({ description: 'Attached at the boundary from the draft written in the last hour of the shift' })
  fromDraft: boolean;
}

@ObjectType('HandoverDraft', {
  description: 'A handover summary drafted in the last hour of a shift, attached to the item at the boundary',
})
export class HandoverDraftModel {
  @Field(() => EscalationModel)
  escalation: EscalationModel;

  @Field(() => RotationModel, { description: 'The rotation whose shift is ending' })
  rotation: RotationModel;

  @Field(() => ResponderModel)
  author: ResponderModel;

  @Field()
  status: string;

  @Field()
  tried: string;

  @Field()
  nextSteps: string;

  @Field()
  writtenAt: Date;

  @Field({ description: 'When the author’s shift ends (as scheduled when the draft was written)' })
  shiftEndsAt: Date;
}

@ObjectType('HandoverItem', { description: 'An escalation open at a shift boundary: as it was then, and as it is now' })
export class HandoverItemModel {
  @Field(() => EscalationModel)
  escalation: EscalationModel;

  @Field(() => SeverityValue)
  severity: SeverityValue;

  @Field(() => EscalationStateValue, { description: 'Its state now' })
  state: EscalationStateValue;

  @Field(() => EscalationStateValue, { description: 'Its state at the boundary' })
  stateAtBoundary: EscalationStateValue;

  @Field(() => ResponderModel, { nullable: true, description: 'Its DRI now' })
  dri?: ResponderModel;

  @Field(() => ResponderModel, { description: 'The DRI going off call at the boundary' })
  driAtBoundary: ResponderModel;

  @Field(() => Int, { description: 'Minutes since it was raised (until it closed)' })
  ageMinutes: number;

  @Field(() => EscalationNoteModel, { nullable: true })
  lastNote?: EscalationNoteModel;

  @Field(() => HandoverSummaryModel, { nullable: true })
  summary?: HandoverSummaryModel;

  @Field({ description: 'Accepted by someone taking over' })
  handedOver: boolean;

  @Field(() => ResponderModel, { nullable: true })
  acceptedBy?: ResponderModel;

  @Field(() => ResponderModel, { nullable: true, description: 'Whom the acceptance made DRI' })
  newDri?: ResponderModel;

  @Field({ nullable: true })
  acceptedAt?: Date;

  @Field({ description: 'Not handed over by the boundary’s hand-over-by time' })
  overdue: boolean;

  @Field({ nullable: true })
  flaggedOverdueAt?: Date;
}

@ObjectType('ShiftBoundary', { description: 'The end of a shift, and the handover of what was still open' })
export class ShiftBoundaryModel {
  @Field(() => ID)
  id: string;

  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field()
  at: Date;

  @Field(() => [ResponderModel], { description: 'Going off call' })
  outgoing: ResponderModel[];

  @Field(() => [ResponderModel], { description: 'Taking over, DRIs first' })
  incoming: ResponderModel[];

  @Field({ description: 'The shift was ended early (endShiftNow), not at its scheduled end' })
  endedEarly: boolean;

  @Field(() => ActorModel, { nullable: true, description: 'Who ended the shift early (endShiftNow); null otherwise' })
  endedEarlyBy?: ActorModel;

  @Field({ description: 'Items are to be handed over by then' })
  handOverBy: Date;

  @Field(() => [HandoverItemModel], { description: 'The most severe first (S1 first), then the oldest' })
  items: HandoverItemModel[];

  @Field(() => Int, { description: 'Items not yet accepted whose escalation is still open' })
  pendingCount: number;

  @Field({ description: 'The handover, ready to paste into a chat thread or a ticket' })
  markdown: string;
}

@ObjectType('ShiftBoundaryConnection')
export class ShiftBoundaryConnection extends Connection(ShiftBoundaryModel) {}

@ObjectType('HandoverSettings')
export class HandoverSettingsModel {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field(() => Int)
  graceMinutes: number;

  @Field(() => [RotationModel], {
    description: 'Where work goes when nobody in the rotation takes over; empty: the team’s other rotations',
  })
  receivingRotations: RotationModel[];

  @Field({ description: 'True when the rotation has no settings of its own' })
  isDefault: boolean;
}
