import { Field, ID, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsOptional, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { URL_OPTIONS } from './declare-rapid-action.input.js';
import { IsText } from '@app/core';

@InputType()
export class AddExitCriterionInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  description: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'dashboardUrl must be an http(s) URL' })
  @MaxLength(2000)
  dashboardUrl?: string;
}

@InputType()
export class RewordExitCriterionInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => ID)
  @IsUUID()
  criterionId: string;

  @Field()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  description: string;

  @Field(() => String, { nullable: true, description: 'Absent: keep the current link; null: remove it' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'dashboardUrl must be an http(s) URL' })
  @MaxLength(2000)
  dashboardUrl?: string | null;
}

@InputType()
export class MarkExitCriterionMetInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => ID)
  @IsUUID()
  criterionId: string;

  @Field({ description: 'How we know: a figure, a dashboard, a link' })
  @IsNotEmpty({ message: 'evidence is required: say how you know the criterion is met' })
  @MaxLength(5000)
  @IsText({ multiline: true })
  evidence: string;
}

@InputType()
export class MarkExitCriterionUnmetInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => ID)
  @IsUUID()
  criterionId: string;

  @Field({ description: 'Why it no longer holds' })
  @IsNotEmpty()
  @MaxLength(5000)
  @IsText({ multiline: true })
  reason: string;
}
