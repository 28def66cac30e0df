import { Field, ObjectType } from '@nestjs/graphql';
import { ResponderModel } from './responder.model.js';
import { RotationModel } from './rotation.model.js';

@ObjectType('TimeSpan')
export class TimeSpanModel {
  @Field()
  start: Date;

  @Field()
  end: Date;
}

@ObjectType('WorkingHoursWarning', {
  description: 'A change puts this responder on call outside their working hours (it is made all the same)',
})
export class WorkingHoursWarningModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field({ description: 'The responder’s zone, in which localHours reads' })
  timeZone: string;

  @Field({ description: '19:00-03:00: the off-hours part of each shift, on the responder’s wall clock' })
  localHours: string;

  @Field(() => [TimeSpanModel], { description: 'The stretches on call concerned, over the next 28 days' })
  shifts: TimeSpanModel[];

  @Field()
  message: string;
}

@ObjectType('ResponderChangePayload')
export class ResponderChangePayload {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => [WorkingHoursWarningModel])
  warnings: WorkingHoursWarningModel[];
}

@ObjectType('RotationChangePayload')
export class RotationChangePayload {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field(() => [WorkingHoursWarningModel])
  warnings: WorkingHoursWarningModel[];
}
