import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, registerDecorator } from 'class-validator';
import { IsLocalTime, IsLocalTimeOrMidnightEnd } from '@app/core';
import type { ClockWindow } from '../../domain/schedule/schedule.types.js';
import { Weekday } from '../scheduling.enums.js';

/** A window is never empty: an end at or before the start means the next day (22:00-06:00). */
function EndsApartFromStart() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'endsApartFromStart',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must differ from start (22:00-06:00 crosses midnight)` },
      validator: {
        validate: (end: unknown, args) => end !== (args?.object as ClockWindowInput).start,
      },
    });
}

@InputType()
export class ClockWindowInput {
  @Field(() => [Weekday], { nullable: true, description: 'Empty or absent: every day' })
  @IsOptional()
  @ArrayMaxSize(7)
  @IsEnum(Weekday, { each: true })
  weekdays?: Weekday[];

  @Field({ description: 'HH:mm' })
  @IsLocalTime()
  start: string;

  @Field({ description: 'HH:mm, or 24:00 for the end of the day; at or before start: the next day (22:00-06:00)' })
  @IsLocalTimeOrMidnightEnd()
  @EndsApartFromStart()
  end: string;
}

export function toClockWindows(windows: ClockWindowInput[] | undefined): ClockWindow[] {
  return (windows ?? []).map((w) => ({ weekdays: w.weekdays ?? [], start: w.start, end: w.end }));
}
