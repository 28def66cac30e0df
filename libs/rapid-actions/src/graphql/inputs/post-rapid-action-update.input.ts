import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { IsLocalDate, IsText } from '@app/core';

/**
 * The daily update. The two progress parts are required, but nullable in the schema on purpose:
 * a missing part is answered with BAD_USER_INPUT naming it (`field`, and `missing` listing every
 * missing part) rather than a generic schema error.
 */
@InputType()
export class PostRapidActionUpdateInput {
  @Field(() => ID)
  @IsUUID()
  rapidActionId: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; today in your own time zone when absent' })
  @IsOptional()
  @IsLocalDate()
  date?: string;

  @Field({
    nullable: true,
    description: 'Required. What was deployed to production, and other notable progress, since the last update',
  })
  @IsOptional()
  @MaxLength(20000)
  @IsText({ multiline: true, allowBlank: true })
  progressSinceLastUpdate?: string;

  @Field({
    nullable: true,
    description: 'Required. What you expect to achieve before the next update (work in progress, expected effects)',
  })
  @IsOptional()
  @MaxLength(20000)
  @IsText({ multiline: true, allowBlank: true })
  progressExpectedByNextUpdate?: string;

  @Field({
    nullable: true,
    description: 'What prevents progress and what would overcome it; absent or "none" for none',
  })
  @IsOptional()
  @MaxLength(20000)
  @IsText({ multiline: true, allowBlank: true })
  blockers?: string;

  @Field({ nullable: true, description: 'Thanks to the people who helped; absent or "none" for none' })
  @IsOptional()
  @MaxLength(20000)
  @IsText({ multiline: true, allowBlank: true })
  praise?: string;
}
