import { ActorModel, Connection } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { RotationLifecycle, ShiftCycle, Weekday } from '../scheduling.enums.js';
import { ClockWindowModel } from './clock-window.model.js';
import { ResponderModel } from './responder.model.js';

@ObjectType('Handoff')
export class HandoffModel {
  @Field(() => Weekday, { nullable: true })
  weekday?: Weekday;

  @Field({ description: 'HH:mm in the rotation’s time zone' })
  time: string;
}

@ObjectType('ShiftPattern')
export class ShiftPatternModel {
  @Field(() => ShiftCycle)
  cycle: ShiftCycle;

  @Field(() => [HandoffModel])
  handoffs: HandoffModel[];

  @Field({ nullable: true, description: 'ISO-8601 wall-clock duration; absent: until the next handoff' })
  shiftDuration?: string;

  @Field(() => Int)
  respondersPerShift: number;
}

@ObjectType('ScheduleChange')
export class ScheduleChangeModel {
  @Field({ description: 'The handoff from which it holds' })
  effectiveAt: Date;

  @Field(() => ShiftPatternModel)
  pattern: ShiftPatternModel;

  @Field()
  timeZone: string;
}

@ObjectType('RotationMember')
export class RotationMemberModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field({ nullable: true })
  from?: Date;

  @Field({ nullable: true })
  until?: Date;
}

@ObjectType('Override')
export class OverrideModel {
  /** Resolved as `rotation`. */
  rotationId: string;

  @Field(() => ID)
  id: string;

  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => ResponderModel, { nullable: true })
  replaces?: ResponderModel;

  @Field()
  start: Date;

  @Field()
  end: Date;

  @Field({ description: 'The zone the span was given in' })
  timeZone: string;

  @Field({ nullable: true })
  note?: string;

  @Field(() => ActorModel)
  createdBy: ActorModel;
}

@ObjectType('ShiftSide')
export class ShiftSideModel {
  @Field()
  shiftStart: Date;

  @Field(() => ResponderModel)
  responder: ResponderModel;
}

@ObjectType('Swap')
export class SwapModel {
  /** Resolved as `rotation`. */
  rotationId: string;

  @Field(() => ID)
  id: string;

  @Field(() => ShiftSideModel)
  first: ShiftSideModel;

  @Field(() => ShiftSideModel)
  second: ShiftSideModel;

  @Field(() => ActorModel)
  createdBy: ActorModel;
}

@ObjectType('Rotation')
export class RotationModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  team: string;

  @Field({ description: 'The zone handoffs are read in now' })
  timeZone: string;

  @Field({ description: 'YYYY-MM-DD: the first shift starts at the first handoff on or after it' })
  startDate: string;

  @Field(() => ShiftPatternModel, { description: 'The shift pattern in force now' })
  pattern: ShiftPatternModel;

  @Field(() => ScheduleChangeModel, {
    nullable: true,
    description: 'The next pattern or zone change still to take effect (all are in `history`)',
  })
  nextScheduleChange?: ScheduleChangeModel;

  @Field(() => RotationLifecycle)
  state: RotationLifecycle;

  @Field({ nullable: true, description: 'When it was archived: no shift runs from then on' })
  archivedAt?: Date;

  @Field(() => [ClockWindowModel], { description: 'When on-call applies; always when empty' })
  coverageWindows: ClockWindowModel[];

  @Field(() => [ClockWindowModel], {
    description: 'When this rotation’s responder is the DRI among overlapping rotations',
  })
  driWindows: ClockWindowModel[];

  @Field(() => [RotationMemberModel])
  participants: RotationMemberModel[];

  @Field(() => [RotationMemberModel])
  shadows: RotationMemberModel[];

  /** Resolved as the `overrides` connection. */
  overrides: OverrideModel[];

  /** Resolved as the `swaps` connection. */
  swaps: SwapModel[];
}

@ObjectType('OverrideConnection')
export class OverrideConnection extends Connection(OverrideModel) {}

@ObjectType('SwapConnection')
export class SwapConnection extends Connection(SwapModel) {}

@ObjectType('RotationConnection')
export class RotationConnection extends Connection(RotationModel) {}
