import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, IsText } from '@app/core';
import { URL_OPTIONS } from './declare-rapid-action.input.js';

@InputType()
export class ResolveRapidActionInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field({ nullable: true, description: 'How it was resolved, for the stakeholders' })
  @IsOptional()
  @MaxLength(20000)
  @IsText({ multiline: true })
  summary?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Resolve although exit criteria are unmet' })
  @IsOptional()
  @IsBoolean()
  overrideUnmetCriteria?: boolean;

  @Field({ nullable: true, description: 'Required with overrideUnmetCriteria when criteria are unmet' })
  @IsOptional()
  @MaxLength(5000)
  @IsText({ multiline: true })
  overrideReason?: string;
}

@InputType()
export class FollowUpInput {
  @Field({ description: 'An enhancement, a refactoring… worth doing now that the problem is solved' })
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText({ multiline: true })
  description: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'issueUrl must be an http(s) URL' })
  @MaxLength(2000)
  issueUrl?: string;

  @Field(() => ID, { nullable: true, description: 'A responder' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

@InputType()
export class RecordFollowUpsInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field(() => [FollowUpInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FollowUpInput)
  followUps: FollowUpInput[];
}

@InputType()
export class RecordRetrospectiveInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field({ description: 'What about the process could be improved' })
  @IsNotEmpty()
  @MaxLength(20000)
  @IsText({ multiline: true })
  summary: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'documentUrl must be an http(s) URL' })
  @MaxLength(2000)
  documentUrl?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsLocalDate()
  heldOn?: string;
}

@InputType()
export class MakeRapidActionPublicInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field({ nullable: true, description: 'e.g. who cleared it (the security team)' })
  @IsOptional()
  @MaxLength(2000)
  @IsText({ multiline: true })
  reason?: string;
}
