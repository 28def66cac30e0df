import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, ActorModel } from '@app/core';
import { ResponderModel, RotationModel } from '@app/scheduling';
import {
  DowngradeReasonValue,
  EscalationKindValue,
  EscalationSourceValue,
  EscalationStateValue,
  NoteKindValue,
  QualificationValue,
  SeverityValue,
} from '../escalations.enums.js';
import { EscalationAlertModel } from './escalation-alert.model.js';
import { EscalationPolicyModel } from './escalation-policy.model.js';
import { PageModel } from './page.model.js';
import { ServiceModel } from './service.model.js';

@ObjectType('EscalationNote')
export class EscalationNoteModel {
  @Field(() => ID)
  id: string;

  @Field(() => NoteKindValue)
  kind: NoteKindValue;

  @Field()
  text: string;

  @Field(() => ActorModel, { description: 'Who wrote it' })
  author: ActorModel;

  @Field()
  at: Date;
}

@ObjectType('TimelineEntry', { description: 'One thing that happened to an escalation, in words' })
export class TimelineEntryModel {
  @Field()
  at: Date;

  @Field(() => ActorModel)
  actor: ActorModel;

  @Field({ description: 'The event type, e.g. ResponderPaged' })
  type: string;

  @Field()
  description: string;

  @Field(() => [ResponderModel], { description: 'The responders it names' })
  responders: ResponderModel[];
}

@ObjectType('CustomerContact', { description: 'Follow-up timers of a customer emergency' })
export class CustomerContactModel {
  @Field()
  firstContactAt: Date;

  @Field()
  followUpDueAt: Date;

  @Field({ nullable: true, description: 'When the missing reply made a follow-up due' })
  followUpRecordedAt?: Date;

  @Field({ nullable: true })
  bridgeClosesAt?: Date;

  @Field({ nullable: true })
  bridgeClosedAt?: Date;

  @Field({ nullable: true })
  repliedAt?: Date;
}

@ObjectType('Downgrade')
export class DowngradeModel {
  @Field(() => DowngradeReasonValue)
  reason: DowngradeReasonValue;

  @Field({ description: 'The priority the work continues at' })
  priority: string;

  @Field({ nullable: true })
  followUpTicket?: string;

  @Field()
  at: Date;
}

@ObjectType('Escalation')
export class EscalationModel {
  @Field(() => ID)
  id: string;

  @Field(() => EscalationSourceValue)
  source: EscalationSourceValue;

  @Field(() => EscalationAlertModel, {
    nullable: true,
    description: 'The monitoring alert it was raised from (integration keys); null when raised by a person',
  })
  alert?: EscalationAlertModel;

  @Field(() => SeverityValue)
  severity: SeverityValue;

  @Field(() => EscalationKindValue, { nullable: true })
  kind?: EscalationKindValue;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => [String])
  links: string[];

  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field(() => ServiceModel, { nullable: true })
  service?: ServiceModel;

  @Field({ description: 'The rotation was found from the service’s owning team' })
  routedToServiceOwner: boolean;

  @Field({ nullable: true, description: 'Groups the escalations of one incident' })
  incidentTag?: string;

  @Field()
  raisedAt: Date;

  @Field(() => ActorModel)
  raisedBy: ActorModel;

  @Field(() => EscalationStateValue)
  state: EscalationStateValue;

  @Field(() => ResponderModel, { nullable: true, description: 'The directly responsible individual' })
  dri?: ResponderModel;

  @Field({ nullable: true })
  driSince?: Date;

  @Field(() => Int, { description: 'Minutes since it was raised (until it closed)' })
  ageMinutes: number;

  /** Resolved as the `pages` connection. */
  pages: PageModel[];

  @Field(() => PageModel, {
    nullable: true,
    description: 'The page waiting for an acknowledgement, if any',
  })
  currentPage?: PageModel;

  /** Resolved as the `notes` connection. */
  notes: EscalationNoteModel[];

  @Field(() => EscalationNoteModel, { nullable: true })
  lastNote?: EscalationNoteModel;

  @Field(() => QualificationValue, { nullable: true })
  qualification?: QualificationValue;

  @Field({ description: 'Once asked for more information, the mark stays' })
  neededMoreInformation: boolean;

  @Field(() => CustomerContactModel, { nullable: true })
  customerContact?: CustomerContactModel;

  @Field(() => DowngradeModel, { nullable: true })
  downgrade?: DowngradeModel;

  @Field({ nullable: true, description: 'Every step of the policy was paged without an acknowledgement' })
  policyExhaustedAt?: Date;

  @Field({ nullable: true })
  firstAcknowledgedAt?: Date;

  @Field(() => Int, { nullable: true, description: 'From raised to the first acknowledgement' })
  secondsToFirstAcknowledgement?: number;

  @Field({ nullable: true })
  mitigatedAt?: Date;

  @Field({ nullable: true })
  closedAt?: Date;

  @Field(() => EscalationPolicyModel, { description: 'The policy it follows (as in force when raised)' })
  policy: EscalationPolicyModel;

  /** Resolved as the `timeline` connection. */
  timeline: Promise<TimelineEntryModel[]>;
}

@ObjectType('EscalationConnection')
export class EscalationConnection extends Connection(EscalationModel) {}

@ObjectType('EscalationNoteConnection')
export class EscalationNoteConnection extends Connection(EscalationNoteModel) {}

@ObjectType('TimelineEntryConnection')
export class TimelineEntryConnection extends Connection(TimelineEntryModel) {}
