import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsIanaTimeZone, IsLocalDateTime, IsText } from '@app/core';

@InputType()
export class SlotSpanInput {
  @Field({ description: 'Wall-clock YYYY-MM-DDTHH:mm in the round’s timeZone' })
  @IsLocalDateTime()
  start: string;

  @Field({ description: 'Wall-clock YYYY-MM-DDTHH:mm in the round’s timeZone' })
  @IsLocalDateTime()
  end: string;
}

@InputType()
export class PublishSlotRoundInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field({ description: 'e.g. "Weekend of 18 July"' })
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  title: string;

  @Field({ description: 'IANA zone the slots and the deadline are given in' })
  @IsIanaTimeZone()
  timeZone: string;

  @Field(() => [SlotSpanInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SlotSpanInput)
  slots: SlotSpanInput[];

  @Field({
    description: 'Wall-clock YYYY-MM-DDTHH:mm in timeZone; volunteering closes then and empty slots are assigned',
  })
  @IsLocalDateTime()
  volunteerDeadline: string;
}

@InputType()
export class SlotVolunteerInput {
  @Field(() => ID)
  @IsUUID()
  roundId: string;

  @Field(() => ID)
  @IsUUID()
  slotId: string;

  @Field(() => ID, { description: 'Who volunteers: a responder for themself, or a manager for someone' })
  @IsUUID()
  responderId: string;
}
