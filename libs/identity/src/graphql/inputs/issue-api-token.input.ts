import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsIn, IsInt, IsNotEmpty, Matches, Max, MaxLength, Min } from 'class-validator';
import { RoleValue, SubjectKindValue } from '../identity.enums.js';
import { IsText } from '@app/core';

@InputType()
export class IssueApiTokenInput {
  @Field(() => SubjectKindValue, {
    description: 'RESPONDER (a person), INTEGRATION, or DISPLAY (a wall screen: a viewer token with no person)',
  })
  @IsIn([SubjectKindValue.RESPONDER, SubjectKindValue.INTEGRATION, SubjectKindValue.DISPLAY], {
    message: 'subjectKind must be RESPONDER, INTEGRATION or DISPLAY',
  })
  subjectKind: SubjectKindValue;

  @Field({ description: 'The responder’s id, the integration’s name, or the display’s name' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, {
    message: 'subject must be 1-100 letters, digits, dots, colons, dashes or underscores',
  })
  subject: string;

  @Field(() => RoleValue)
  @IsEnum(RoleValue)
  role: RoleValue;

  @Field()
  @IsNotEmpty()
  @MaxLength(200)
  @IsText()
  label: string;

  @Field(() => Int, { defaultValue: 90 })
  @IsInt()
  @Min(1)
  @Max(366)
  expiresInDays: number;
}
