import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ResponderModel, RotationModel } from '@app/scheduling';

@ObjectType('ResponderOnCallHours', {
  description:
    'On-call hours over a range. Working hours are the responder’s own working-hours windows in their zone; a responder without any has every on-call hour off hours.',
})
export class ResponderOnCallHoursModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => Float)
  totalHours: number;

  @Field(() => Float)
  workingHours: number;

  @Field(() => Float)
  offHours: number;
}

@ObjectType('ParticipantLoad')
export class ParticipantLoadModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => Float, { description: 'Hours on call for this rotation over the range' })
  hours: number;
}

@ObjectType('RotationLoad', { description: 'How evenly a rotation’s on-call time is spread over a range.' })
export class RotationLoadModel {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => [ParticipantLoadModel], { description: 'Most loaded first' })
  participants: ParticipantLoadModel[];

  @Field(() => ParticipantLoadModel, { nullable: true })
  mostLoaded?: ParticipantLoadModel;

  @Field(() => ParticipantLoadModel, { nullable: true })
  leastLoaded?: ParticipantLoadModel;

  @Field(() => Float, { description: 'Hours between the most and the least loaded participant' })
  spreadHours: number;

  @Field(() => Float)
  meanHours: number;

  @Field(() => Float, { description: 'The threshold asked for, or 125% of the mean' })
  thresholdHours: number;

  @Field(() => [ParticipantLoadModel], { description: 'Participants with more hours than the threshold' })
  aboveThreshold: ParticipantLoadModel[];
}

@ObjectType('WeekendSlotTaken')
export class WeekendSlotTakenModel {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field()
  start: Date;

  @Field()
  end: Date;
}

@ObjectType('WeekendSlotCount', { description: 'How many weekend slots one person took in a quarter.' })
export class WeekendSlotCountModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => Int)
  count: number;

  @Field(() => [WeekendSlotTakenModel])
  slots: WeekendSlotTakenModel[];
}

@ObjectType('WeekendThankYou', { description: 'The quarterly thank-you to everyone who took weekend slots.' })
export class WeekendThankYouModel {
  @Field()
  quarter: string;

  @Field(() => [WeekendSlotCountModel], { description: 'Most slots first' })
  people: WeekendSlotCountModel[];

  @Field({ description: 'Markdown ready to post, naming each person and their count' })
  markdown: string;
}
