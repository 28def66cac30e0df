import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { SubDriScopeKind } from '../rapid-actions.enums.js';
import { IsText } from '@app/core';

@InputType()
export class ChangeRapidActionDriInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => ID, { description: 'The new DRI (a responder)' })
  @IsUUID()
  driId: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  reason?: string;
}

@InputType()
export class RapidActionMemberInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => ID)
  @IsUUID()
  responderId: string;
}

@InputType()
export class SubDriScopeInput {
  @Field(() => SubDriScopeKind)
  @IsEnum(SubDriScopeKind)
  kind: SubDriScopeKind;

  @Field({ description: 'Which part, perspective or time zone, e.g. "APAC"' })
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  description: string;
}

@InputType()
export class AssignSubDriInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field(() => SubDriScopeInput)
  @ValidateNested()
  @Type(() => SubDriScopeInput)
  scope: SubDriScopeInput;
}
