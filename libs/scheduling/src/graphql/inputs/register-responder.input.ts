import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone, IsText } from '@app/core';
import { ResponderRoleValue } from '../scheduling.enums.js';
import { ClockWindowInput } from './clock-window.input.js';

@InputType()
export class RegisterResponderInput {
  @Field()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  name: string;

  @Field({ description: 'Chat handle: letters, digits, dot, dash, underscore' })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'handle must be 1-64 letters, digits, dots, dashes or underscores' })
  handle: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Berlin' })
  @IsIanaTimeZone()
  timeZone: string;

  @Field()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  team: string;

  @Field(() => ResponderRoleValue)
  @IsEnum(ResponderRoleValue)
  role: ResponderRoleValue;

  @Field(() => [ClockWindowInput], { nullable: true, description: 'In the responder’s own time zone' })
  @IsOptional()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => ClockWindowInput)
  workingHours?: ClockWindowInput[];

  @Field({ nullable: true, description: 'True when a local-law restriction keeps them off on-call' })
  @IsOptional()
  @IsBoolean()
  onCallRestricted?: boolean;
}
