import { ActorModel, Connection } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ResponderModel } from '@app/scheduling';
import { RapidActionSeverity, RapidActionStateValue } from '../rapid-actions.enums.js';
import { RapidActionUpdateModel, SubDriScopeModel } from './rapid-action-update.model.js';

@ObjectType('RapidActionSubDri')
export class SubDriModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => SubDriScopeModel)
  scope: SubDriScopeModel;

  @Field()
  assignedAt: Date;
}

@ObjectType('ExitCriterion')
export class ExitCriterionModel {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field({ nullable: true, description: 'The dashboard that shows progress towards it' })
  dashboardUrl?: string;

  @Field()
  met: boolean;

  @Field({ nullable: true, description: 'How we know it is met' })
  evidence?: string;

  @Field({ nullable: true })
  metAt?: Date;

  @Field(() => ResponderModel, { nullable: true })
  metBy?: ResponderModel;
}

@ObjectType('RapidActionBlocker', { description: 'A blocker still standing in the latest update of a scope' })
export class BlockerModel {
  @Field(() => SubDriScopeModel, { nullable: true, description: 'Null: the DRI’s update on the whole action' })
  scope?: SubDriScopeModel;

  @Field()
  blockers: string;

  @Field({ description: 'The date of the update that reported it' })
  date: string;

  @Field(() => ID)
  updateId: string;
}

@ObjectType('RapidActionResolution')
export class ResolutionModel {
  @Field()
  resolvedAt: Date;

  @Field(() => ResponderModel, { nullable: true })
  resolvedBy?: ResponderModel;

  @Field({ nullable: true })
  summary?: string;

  @Field({ description: 'True when resolved with exit criteria still unmet' })
  overridden: boolean;

  @Field({ nullable: true })
  overrideReason?: string;

  @Field(() => [ExitCriterionModel], { description: 'The criteria that were unmet when resolved by override' })
  overriddenCriteria: ExitCriterionModel[];
}

@ObjectType('RapidActionFollowUp')
export class FollowUpModel {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field({ nullable: true })
  issueUrl?: string;

  @Field(() => ResponderModel, { nullable: true })
  owner?: ResponderModel;
}

@ObjectType('RapidActionRetrospective')
export class RetrospectiveModel {
  @Field()
  summary: string;

  @Field({ nullable: true })
  documentUrl?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  heldOn?: string;

  @Field()
  recordedAt: Date;
}

@ObjectType('RapidAction', {
  description: 'A problem of high severity and broad impact, worked on until its exit criteria are met.',
})
export class RapidActionModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  problemStatement: string;

  @Field(() => [String], { description: 'Each one measurable' })
  problems: string[];

  @Field(() => RapidActionSeverity)
  severity: RapidActionSeverity;

  @Field(() => [String])
  issuesInScope: string[];

  @Field({ description: 'Seen only by its DRI, sub-DRIs and stakeholders; false once made public' })
  confidential: boolean;

  @Field({ nullable: true })
  madePublicAt?: Date;

  @Field(() => RapidActionStateValue)
  state: RapidActionStateValue;

  @Field(() => ResponderModel)
  dri: ResponderModel;

  @Field({ description: 'The DRI’s time zone: deadlines and day counts are read in it' })
  driTimeZone: string;

  @Field(() => [SubDriModel])
  subDris: SubDriModel[];

  @Field(() => [ResponderModel])
  stakeholders: ResponderModel[];

  @Field(() => [ExitCriterionModel])
  exitCriteria: ExitCriterionModel[];

  @Field(() => Int)
  exitCriteriaMet: number;

  @Field(() => Int)
  exitCriteriaTotal: number;

  @Field(() => RapidActionUpdateModel, { nullable: true, description: 'The newest update (by date, then time posted)' })
  latestUpdate?: RapidActionUpdateModel;

  /** Resolved as the `updates` connection. */
  updates: RapidActionUpdateModel[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Calendar days, in the DRI’s time zone, since the last update (or the declaration when there is none); null once resolved',
  })
  daysSinceLastUpdate?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The same in business days (Monday to Friday); null once resolved',
  })
  businessDaysSinceLastUpdate?: number;

  @Field({ nullable: true, description: 'The end of the next business day after the last update; null once resolved' })
  nextUpdateDueBy?: Date;

  @Field({ description: 'Open, and no update by the end of the next business day after the last one' })
  overdue: boolean;

  @Field({ nullable: true, description: 'When it became overdue' })
  overdueSince?: Date;

  @Field(() => [BlockerModel])
  openBlockers: BlockerModel[];

  @Field()
  declaredAt: Date;

  @Field(() => ActorModel)
  declaredBy: ActorModel;

  @Field(() => ResolutionModel, { nullable: true })
  resolution?: ResolutionModel;

  @Field(() => [FollowUpModel])
  followUps: FollowUpModel[];

  @Field(() => RetrospectiveModel, { nullable: true })
  retrospective?: RetrospectiveModel;
}

@ObjectType('RapidActionUpdateConnection')
export class RapidActionUpdateConnection extends Connection(RapidActionUpdateModel) {}

@ObjectType('RapidActionConnection')
export class RapidActionConnection extends Connection(RapidActionModel) {}

@ObjectType('RapidActionDigestEntry')
export class DigestEntryModel {
  @Field(() => RapidActionModel)
  rapidAction: RapidActionModel;

  @Field(() => [RapidActionUpdateModel], {
    description: 'The updates of that date (the DRI’s and each sub-DRI scope’s)',
  })
  updates: RapidActionUpdateModel[];
}

@ObjectType('RapidActionDigest', { description: 'The updates of one date across all rapid actions' })
export class DigestModel {
  @Field()
  date: string;

  @Field(() => [DigestEntryModel])
  entries: DigestEntryModel[];

  @Field({ description: 'The whole digest in Markdown' })
  markdown: string;
}
