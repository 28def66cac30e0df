import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ContactMethodKindValue } from '../notifications.enums.js';
import { IsText } from '@app/core';

@InputType()
export class AddContactMethodInput {
  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field(() => ContactMethodKindValue)
  @IsEnum(ContactMethodKindValue)
  kind: ContactMethodKindValue;

  @Field()
  @MaxLength(2048)
  address: string;
}

@InputType()
export class VerifyContactMethodInput {
  @Field(() => ID)
  @IsUUID()
  contactMethodId: string;

  @Field({ description: 'The 6 digits the verification message carried' })
  @IsText()
  @MaxLength(20)
  code: string;
}

@InputType()
export class NotificationRuleInput {
  @Field(() => ID)
  @IsUUID()
  contactMethodId: string;

  @Field(() => Int, { description: '0 (at once) to 1440 (24 h)' })
  @IsInt()
  @Min(0)
  @Max(1440)
  delayMinutes: number;
}

@InputType()
export class SetNotificationRulesInput {
  @Field(() => ID)
  @IsUUID()
  responderId: string;

  @Field(() => [NotificationRuleInput], { description: 'Empty: back to the default, every verified method at once' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NotificationRuleInput)
  rules: NotificationRuleInput[];
}
