import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone, IsLocalDate, IsLocalTime, IsText } from '@app/core';
import type { ShiftPattern } from '../../domain/schedule/schedule.types.js';
import { ShiftCycle, Weekday } from '../scheduling.enums.js';
import { ClockWindowInput } from './clock-window.input.js';

@InputType()
export class HandoffInput {
  @Field(() => Weekday, { nullable: true, description: 'Required for weekly cycles' })
  @IsOptional()
  @IsEnum(Weekday)
  weekday?: Weekday;

  @Field({ description: 'HH:mm in the rotation’s time zone' })
  @IsLocalTime()
  time: string;
}

@InputType()
export class ShiftPatternInput {
  @Field(() => ShiftCycle)
  @IsEnum(ShiftCycle)
  cycle: ShiftCycle;

  @Field(() => [HandoffInput])
  @ArrayMaxSize(48)
  @ValidateNested({ each: true })
  @Type(() => HandoffInput)
  handoffs: HandoffInput[];

  @Field({
    nullable: true,
    description: 'ISO-8601 wall-clock duration such as PT6H or P1W; absent: until the next handoff',
  })
  @IsOptional()
  @Matches(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/, {
    message: 'shiftDuration must be an ISO-8601 duration such as PT6H or P1W',
  })
  shiftDuration?: string;

  @Field(() => Int, { nullable: true, defaultValue: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  respondersPerShift?: number;
}

@InputType()
export class CreateRotationInput {
  @Field()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  name: string;

  @Field()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  team: string;

  @Field({ description: 'IANA time zone the handoffs and windows are read in' })
  @IsIanaTimeZone()
  timeZone: string;

  @Field({ description: 'YYYY-MM-DD: the first shift starts at the first handoff on or after it' })
  @IsLocalDate()
  startDate: string;

  @Field(() => ShiftPatternInput)
  @ValidateNested()
  @Type(() => ShiftPatternInput)
  pattern: ShiftPatternInput;

  @Field(() => [ClockWindowInput], { nullable: true, description: 'When on-call applies; always when absent' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClockWindowInput)
  coverageWindows?: ClockWindowInput[];

  @Field(() => [ClockWindowInput], { nullable: true, description: 'When this rotation’s responder is the DRI' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClockWindowInput)
  driWindows?: ClockWindowInput[];

  @Field(() => [ID], { description: 'In turn order' })
  @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true })
  participantIds: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  shadowIds?: string[];
}

export function toShiftPattern(input: ShiftPatternInput): ShiftPattern {
  return {
    cycle: input.cycle,
    handoffs: input.handoffs.map((h) => ({ ...(h.weekday ? { weekday: h.weekday } : {}), time: h.time })),
    ...(input.shiftDuration ? { shiftDuration: input.shiftDuration } : {}),
    respondersPerShift: input.respondersPerShift ?? 1,
  };
}
