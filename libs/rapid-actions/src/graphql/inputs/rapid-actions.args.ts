import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLocalDate } from '@app/core';
import { RapidActionStateValue } from '../rapid-actions.enums.js';

@ArgsType()
export class RapidActionsArgs {
  @Field(() => RapidActionStateValue, { nullable: true })
  @IsOptional()
  @IsEnum(RapidActionStateValue)
  state?: RapidActionStateValue | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones; false: only those on time' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number | null;
}

@ArgsType()
export class DigestArgs {
  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  date: string;
}
