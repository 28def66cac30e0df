import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsNotEmpty, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsIanaTimeZone, IsLocalDate, IsLocalDateTime, IsText } from '@app/core';

@InputType()
export class RotationMembershipInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field({
    nullable: true,
    description: 'The instant the change takes effect; now when absent (or name fromDate or fromShiftStart)',
  })
  @IsOptional()
  @IsDate()
  from?: Date;

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
export class ScheduleOverrideInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => ID, { description: 'Who covers' })
  @IsUUID()
  responderId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Whom they cover for; absent: whoever is on call (or extra coverage)',
  })
  @IsOptional()
  @IsUUID()
  replacesResponderId?: string;

  @Field({ description: 'Wall-clock YYYY-MM-DDTHH:mm in timeZone' })
  @IsLocalDateTime()
  start: string;

  @Field({ description: 'Wall-clock YYYY-MM-DDTHH:mm in timeZone' })
  @IsLocalDateTime()
  end: string;

  @Field({ description: 'IANA zone the span is given in' })
  @IsIanaTimeZone()
  timeZone: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  note?: string;
}

@InputType({
  description:
    'A shift named the way overrides name their span (its start on the wall clock of a zone), or by its shiftId from shifts: exactly one of the two',
})
export class ShiftSideInput {
  @Field({ nullable: true, description: 'Wall-clock YYYY-MM-DDTHH:mm in timeZone: when the shift starts' })
  @IsOptional()
  @IsLocalDateTime()
  shiftStart?: string;

  @Field({ nullable: true, description: 'IANA zone the start is given in (e.g. the rotation’s or the responder’s)' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => ID, { nullable: true, description: 'The shiftId of the shift, as shifts answers it' })
  @IsOptional()
  @MaxLength(300)
  shiftId?: string;

  @Field(() => ID, { description: 'Who holds that shift now' })
  @IsUUID()
  responderId: string;
}

@InputType()
export class SwapShiftsInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => ShiftSideInput)
  @ValidateNested()
  @Type(() => ShiftSideInput)
  first: ShiftSideInput;

  @Field(() => ShiftSideInput)
  @ValidateNested()
  @Type(() => ShiftSideInput)
  second: ShiftSideInput;
}
