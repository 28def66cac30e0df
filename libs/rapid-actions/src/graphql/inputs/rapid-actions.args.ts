import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { IsLocalDate, PageArgs } from '@app/core';
import { RapidActionStateValue } from '../rapid-actions.enums.js';

@ArgsType()
export class RapidActionsArgs extends PageArgs {
  @Field(() => RapidActionStateValue, { nullable: true })
  @IsOptional()
  @IsEnum(RapidActionStateValue)
  state?: RapidActionStateValue | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones; false: only those on time' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;
}

@ArgsType()
export class DigestArgs {
  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  date: string;
}
