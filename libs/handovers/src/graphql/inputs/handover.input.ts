import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsNotEmpty, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsText } from '@app/core';

@InputType()
export class HandoverSettingsInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => Int, { defaultValue: 30, description: 'Minutes after a boundary to hand each item over' })
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  graceMinutes: number = 30;

  @Field(() => [ID], { nullable: true, description: 'In order of preference' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  receivingRotationIds?: string[];
}

/** The three parts of a handover, written at the boundary or drafted before it. */
@InputType({ isAbstract: true })
abstract class HandoverTextInput {
  @Field({ description: 'Where things stand' })
  @IsNotEmpty()
  @MaxLength(5000)
  @IsText({ multiline: true })
  status: string;

  @Field({ description: 'What was tried so far' })
  @IsNotEmpty()
  @MaxLength(5000)
  @IsText({ multiline: true })
  tried: string;

  @Field({ description: 'What should happen next' })
  @IsNotEmpty()
  @MaxLength(5000)
  @IsText({ multiline: true })
  nextSteps: string;
}

@InputType()
export class HandoverSummaryInput extends HandoverTextInput {
  @Field(() => ID)
  @IsUUID()
  boundaryId: string;

  @Field(() => ID)
  @IsUUID()
  escalationId: string;
}

@InputType()
export class AcceptHandoverInput {
  @Field(() => ID)
  @IsUUID()
  boundaryId: string;

  @Field(() => [ID], { nullable: true, description: 'The escalations taken over; absent: all still waiting' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  escalationIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Someone else to make DRI; absent: the one accepting' })
  @IsOptional()
  @IsUUID()
  driId?: string;
}

@InputType()
export class HandoverDraftInput extends HandoverTextInput {
  @Field(() => ID, { description: 'The rotation whose shift is ending, in which the author is on call' })
  @IsUUID()
  rotationId: string;

  @Field(() => ID)
  @IsUUID()
  escalationId: string;
}

@InputType()
export class EndShiftNowInput {
  @Field(() => ID)
  @IsUUID()
  rotationId: string;

  @Field(() => ID, { nullable: true, description: 'Whose shift ends; absent: the caller’s own' })
  @IsOptional()
  @IsUUID()
  responderId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Who takes over until the shift’s scheduled end; absent: whoever the rotation has on call next',
  })
  @IsOptional()
  @IsUUID()
  handToId?: string;
}
