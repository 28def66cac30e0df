import { Field, ObjectType } from '@nestjs/graphql';
import { Weekday } from '../scheduling.enums.js';

@ObjectType({ description: 'A wall-clock window on some weekdays, in the owner’s time zone.' })
export class ClockWindowModel {
  @Field(() => [Weekday], { description: 'Empty means every day.' })
  weekdays: Weekday[];

  @Field({ description: 'HH:mm' })
  start: string;

  @Field({ description: 'HH:mm, or 24:00 for the end of the day' })
  end: string;
}
