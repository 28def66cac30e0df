import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RapidActionSeverity } from '../rapid-actions.enums.js';
import { IsText } from '@app/core';

export const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@InputType()
export class ExitCriterionInput {
  @Field({ description: 'What must be true to close, e.g. "p95 search latency below 500 ms for 3 days"' })
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  description: string;

  @Field({ nullable: true, description: 'The dashboard to watch for it' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'dashboardUrl must be an http(s) URL' })
  @MaxLength(2000)
  dashboardUrl?: string;
}

@InputType()
export class DeclareRapidActionInput {
  @Field()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  title: string;

  @Field()
  @IsNotEmpty()
  @MaxLength(20000)
  @IsText({ multiline: true })
  problemStatement: string;

  @Field(() => [String], { description: 'The problems to solve, each measurable' })
  @ArrayMinSize(1, { message: 'problems must list at least one measurable problem' })
  @ArrayMaxSize(20)
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  @IsText({ multiline: true })
  problems: string[];

  @Field(() => [ExitCriterionInput])
  @ArrayMinSize(1, { message: 'exitCriteria must list at least one exit criterion' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExitCriterionInput)
  exitCriteria: ExitCriterionInput[];

  @Field(() => RapidActionSeverity)
  @IsEnum(RapidActionSeverity)
  severity: RapidActionSeverity;

  @Field(() => [String], { nullable: true, description: 'Existing issues in scope (references or links)' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  @IsText()
  issuesInScope?: string[];

  @Field(() => ID, { description: 'The directly responsible individual (a responder)' })
  @IsUUID()
  driId: string;

  @Field(() => [ID], { nullable: true, description: 'Responders to keep informed' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  stakeholderIds?: string[];

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'A security problem: seen only by its DRI, sub-DRIs and stakeholders',
  })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
}

@InputType()
export class ReviseRapidActionInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(20000)
  @IsText({ multiline: true })
  problemStatement?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  @IsText({ multiline: true })
  problems?: string[];

  @Field(() => RapidActionSeverity, { nullable: true })
  @IsOptional()
  @IsEnum(RapidActionSeverity)
  severity?: RapidActionSeverity;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  @IsText()
  issuesInScope?: string[];
}
