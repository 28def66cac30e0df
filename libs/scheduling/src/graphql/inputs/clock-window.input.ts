import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { IsLocalTime, IsLocalTimeOrMidnightEnd } from '@app/core';
import type { ClockWindow } from '../../domain/schedule/schedule.types.js';
import { Weekday } from '../scheduling.enums.js';

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

  @Field({ description: 'HH:mm, or 24:00 for the end of the day' })
  @IsLocalTimeOrMidnightEnd()
  end: string;
}

export function toClockWindows(windows: ClockWindowInput[] | undefined): ClockWindow[] {
  return (windows ?? []).map((w) => ({ weekdays: w.weekdays ?? [], start: w.start, end: w.end }));
}
