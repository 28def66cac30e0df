import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { IsIanaTimeZone, IsLocalDateTime, IsText } from '@app/core';

@InputType()
export class SetOnCallRestrictionInput {
  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field()
  @IsBoolean()
  restricted: boolean;

  @Field()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  reason: string;
}

@InputType()
export class MarkUnavailableInput {
  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field({ description: 'Wall-clock YYYY-MM-DDTHH:mm in timeZone' })
  @IsLocalDateTime()
  start: string;

  @Field({ description: 'Wall-clock YYYY-MM-DDTHH:mm in timeZone' })
  @IsLocalDateTime()
  end: string;

  @Field({ nullable: true, description: 'IANA zone of start and end; the responder’s own by default' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  reason: string;
}
