import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ResponderModel } from '@app/scheduling';
import { SubDriScopeKind, UpdatePosterRole } from '../rapid-actions.enums.js';

@ObjectType('SubDriScope')
export class SubDriScopeModel {
  @Field(() => SubDriScopeKind)
  kind: SubDriScopeKind;

  @Field({ description: 'e.g. "Gitaly timeouts", "Infrastructure", "APAC"' })
  description: string;
}

@ObjectType('RapidActionUpdate', { description: 'A daily status update, in four parts under a dated heading.' })
export class RapidActionUpdateModel {
  @Field(() => ID, { description: 'This version’s id' })
  id: string;

  @Field({ description: 'YYYY-MM-DD: the dated heading' })
  date: string;

  @Field(() => SubDriScopeModel, { nullable: true, description: 'A sub-DRI’s scope; null for the DRI’s update' })
  scope?: SubDriScopeModel;

  @Field(() => ResponderModel, { nullable: true })
  postedBy?: ResponderModel;

  @Field(() => UpdatePosterRole)
  postedAs: UpdatePosterRole;

  @Field()
  postedAt: Date;

  @Field()
  progressSinceLastUpdate: string;

  @Field()
  progressExpectedByNextUpdate: string;

  @Field({ nullable: true, description: 'Null when there are none' })
  blockers?: string;

  @Field({ nullable: true, description: 'Null when there is none' })
  praise?: string;

  @Field(() => Int, { description: '1, then 2, 3… for each amendment of the same date and scope' })
  version: number;

  @Field({ description: 'False once a later version of the same date and scope replaced it' })
  current: boolean;

  @Field(() => [RapidActionUpdateModel], { description: 'Earlier versions this one amended, newest first' })
  previousVersions: RapidActionUpdateModel[];

  @Field({ description: 'The update in the handbook’s Markdown format' })
  markdown: string;
}
