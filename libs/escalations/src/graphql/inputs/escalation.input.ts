import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsText } from '@app/core';
import {
  EscalationKindValue,
  EscalationLayerValue,
  EscalationSourceValue,
  NoteKindValue,
  OpenEscalationStateValue,
  PagingModeValue,
  QualificationValue,
  SeverityValue,
} from '../escalations.enums.js';

@InputType()
export class RaiseEscalationInput {
  @Field(() => EscalationSourceValue)
  @IsEnum(EscalationSourceValue)
  source: EscalationSourceValue;

  @Field(() => SeverityValue)
  @IsEnum(SeverityValue)
  severity: SeverityValue;

  @Field(() => EscalationKindValue, { nullable: true })
  @IsOptional()
  @IsEnum(EscalationKindValue)
  kind?: EscalationKindValue;

  @Field()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  title: string;

  @Field()
  @MaxLength(10_000)
  @IsText({ multiline: true, allowBlank: true })
  description: string;

  @Field(() => [String], { nullable: true, description: 'Tickets, dashboards, chat threads' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  @IsText()
  links?: string[];

  @Field(() => ID, { nullable: true, description: 'The rotation to page; absent: the service owner’s second tier' })
  @IsOptional()
  @IsUUID()
  rotationId?: string;

  @Field(() => ID, { nullable: true, description: 'The service it concerns' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @Field({ nullable: true, description: 'Groups the escalations of one incident' })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  incidentTag?: string;
}

@InputType()
export class OpenEscalationsFilter {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  rotationIds?: string[];

  @Field(() => [SeverityValue], { nullable: true })
  @IsOptional()
  @IsEnum(SeverityValue, { each: true })
  severities?: SeverityValue[];

  @Field(() => [OpenEscalationStateValue], { nullable: true })
  @IsOptional()
  @IsEnum(OpenEscalationStateValue, { each: true })
  states?: OpenEscalationStateValue[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  driId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  @IsText({ allowBlank: true })
  incidentTag?: string;

  @Field(() => ID, { nullable: true, description: 'Only escalations raised through this integration key' })
  @IsOptional()
  @IsUUID()
  integrationKeyId?: string;

  @Field({ nullable: true, description: 'Only escalations of this dedup key (Events v2) or alert fingerprint' })
  @IsOptional()
  @IsText()
  @MaxLength(255)
  dedupKey?: string;
}

@InputType()
export class AlertEscalationsFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  integrationKeyId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText()
  @MaxLength(255)
  dedupKey?: string;
}

@InputType()
export class EscalationNoteInput {
  @Field(() => ID)
  @IsUUID()
  escalationId: string;

  @Field(() => NoteKindValue, { defaultValue: NoteKindValue.UPDATE })
  @IsEnum(NoteKindValue)
  kind: NoteKindValue = NoteKindValue.UPDATE;

  @Field()
  @IsNotEmpty()
  @MaxLength(10_000)
  @IsText({ multiline: true })
  text: string;
}

@InputType()
export class ReassignEscalationInput {
  @Field(() => ID)
  @IsUUID()
  escalationId: string;

  @Field(() => ID, { description: 'The new DRI' })
  @IsUUID()
  responderId: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  @IsText({ multiline: true })
  note?: string;
}

@InputType()
export class QualifyEmergencyInput {
  @Field(() => ID)
  @IsUUID()
  escalationId: string;

  @Field(() => QualificationValue)
  @IsEnum(QualificationValue)
  qualification: QualificationValue;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  @IsText({ multiline: true })
  note?: string;

  @Field({ nullable: true, description: 'Required for NOT_AN_EMERGENCY: where the work continues' })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsText()
  followUpTicket?: string;
}

@InputType()
export class RerouteEscalationInput {
  @Field(() => ID)
  @IsUUID()
  escalationId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  rotationId?: string;

  @Field(() => ID, { nullable: true, description: 'Route to the second tier of the team owning this service' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;
}

@InputType()
export class EscalationPolicyStepInput {
  @Field(() => EscalationLayerValue)
  @IsEnum(EscalationLayerValue)
  layer: EscalationLayerValue;

  @Field(() => ID, { nullable: true, description: 'Page this rotation’s on-call responder…' })
  @IsOptional()
  @IsUUID()
  rotationId?: string;

  @Field(() => [ID], { nullable: true, description: '…or these responders together' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  responderIds?: string[];

  @Field(() => Int, { description: 'Minutes to acknowledge before the next step (15-30 is the norm)' })
  @IsInt()
  @Min(1)
  @Max(1440)
  ackTimeoutMinutes: number;
}

@InputType()
export class EscalationPolicyInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => PagingModeValue, { defaultValue: PagingModeValue.ON_CALL })
  @IsEnum(PagingModeValue)
  pagingMode: PagingModeValue = PagingModeValue.ON_CALL;

  @Field(() => Int, { defaultValue: 15 })
  @IsInt()
  @Min(1)
  @Max(1440)
  ackSloMinutes: number = 15;

  @Field(() => [EscalationPolicyStepInput])
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationPolicyStepInput)
  steps: EscalationPolicyStepInput[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  backupPoolIds?: string[];
}

@InputType()
export class RegisterServiceInput {
  @Field()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  owningTeam?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  secondTierRotationId?: string;
}

@InputType()
export class ServiceOwnershipInput {
  @Field(() => ID)
  @IsUUID()
  serviceId: string;

  @Field({ nullable: true, description: 'Absent: nobody in particular' })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  @IsText()
  owningTeam?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  secondTierRotationId?: string;
}
