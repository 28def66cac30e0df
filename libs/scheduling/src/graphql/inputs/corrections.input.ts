import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone, IsLocalDate, IsText } from '@app/core';
import { ResponderRoleValue } from '../scheduling.enums.js';
import { ClockWindowInput } from './clock-window.input.js';
import { ShiftPatternInput } from './create-rotation.input.js';

@InputType({ description: 'Only the fields given change; each change is an event with its actor' })
export class UpdateResponderInput {
  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  name?: string;

  @Field({ nullable: true, description: 'Unique, compared case-insensitively; the old handle is released' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'handle must be 1-64 letters, digits, dots, dashes or underscores' })
  handle?: string;

  @Field({ nullable: true, description: 'IANA time zone' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  team?: string;

  @Field(() => ResponderRoleValue, { nullable: true })
  @IsOptional()
  @IsEnum(ResponderRoleValue)
  role?: ResponderRoleValue;

  @Field(() => [ClockWindowInput], { nullable: true, description: 'Replaces them all; [] clears them' })
  @IsOptional()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => ClockWindowInput)
  workingHours?: ClockWindowInput[];
}

@InputType()
export class DeactivateResponderInput {
  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field({ description: 'YYYY-MM-DD in the responder’s zone: from that day’s start (today or later)' })
  @IsLocalDate()
  fromDate: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  reason?: string;
}

@InputType({ description: 'Only the fields given change' })
export class UpdateRotationInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  team?: string;

  @Field({ nullable: true, description: 'A new IANA zone for the handoffs, from timeZoneFromDate' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD: the zone holds from the first handoff on that date' })
  @IsOptional()
  @IsLocalDate()
  timeZoneFromDate?: string;
}

/** When a change takes effect: a local date (its first handoff) or a shift's start; one of them. */
@InputType({ isAbstract: true })
class EffectiveFromInput {
  @Field({ nullable: true, description: 'YYYY-MM-DD in the rotation’s zone: from the first handoff on that date' })
  @IsOptional()
  @IsLocalDate()
  fromDate?: string;

  @Field({ nullable: true, description: 'The start of one of the rotation’s shifts (as listed by `shifts`)' })
  @IsOptional()
  @IsDate()
  fromShiftStart?: Date;
}

@InputType()
export class ChangeShiftPatternInput extends EffectiveFromInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => ShiftPatternInput)
  @ValidateNested()
  @Type(() => ShiftPatternInput)
  pattern: ShiftPatternInput;
}

@InputType()
export class ReorderParticipantsInput extends EffectiveFromInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => [ID], { description: 'Every participant, once each, in their new turn order' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  participantIds: string[];
}

@InputType()
export class ArchiveRotationInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  reason?: string;
}
