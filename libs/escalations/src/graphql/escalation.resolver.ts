import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { BadUserInputError, CurrentRequest, PageArgs, type RequestContext } from '@app/core';
import { AddEscalationNoteCommand } from '../commands/add-escalation-note.command.js';
import { ChangeEscalationCommand, type EscalationChange } from '../commands/change-escalation.command.js';
import { PageBackupPoolCommand } from '../commands/page-backup-pool.command.js';
import { RaiseEscalationCommand } from '../commands/raise-escalation.command.js';
import { RerouteEscalationCommand } from '../commands/reroute-escalation.command.js';
import { TagEscalationCommand } from '../commands/tag-escalation.command.js';
import { EscalationQueries } from '../projections/escalation.queries.js';
import { EscalationsMapper } from './escalations.mapper.js';
import {
  AlertEscalationsFilter,
  EscalationNoteInput,
  OpenEscalationsFilter,
  QualifyEmergencyInput,
  RaiseEscalationInput,
  ReassignEscalationInput,
  RerouteEscalationInput,
} from './inputs/escalation.input.js';
import { EscalationConnection, EscalationModel } from './models/escalation.model.js';

@Resolver(() => EscalationModel)
export class EscalationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: EscalationQueries,
    private readonly mapper: EscalationsMapper,
  ) {}

  @Query(() => EscalationModel, { description: 'An escalation with its pages, notes and full timeline' })
  escalation(@Args('id', { type: () => ID }) id: string): EscalationModel {
    return this.mapper.escalation(this.queries.escalation(id));
  }

  @Query(() => EscalationConnection, { description: 'Open escalations, most severe then oldest first' })
  openEscalations(
    @Args() { first, after }: PageArgs,
    @Args('filter', { nullable: true }) filter?: OpenEscalationsFilter,
  ): EscalationConnection {
    const page = this.queries.open(filter ?? {}, first, after);
    return { ...page, nodes: page.nodes.map((doc) => this.mapper.escalation(doc)) };
  }

  @Query(() => EscalationConnection, {
    description: 'Escalations raised by integrations (open and closed), newest first',
  })
  alertEscalations(
    @Args() { first, after }: PageArgs,
    @Args('filter', { nullable: true }) filter?: AlertEscalationsFilter,
  ): EscalationConnection {
    const page = this.queries.fromAlerts(filter ?? {}, first, after);
    return { ...page, nodes: page.nodes.map((doc) => this.mapper.escalation(doc)) };
  }

  @Mutation(() => EscalationModel, { description: 'Raises an escalation and pages its rotation' })
  async raiseEscalation(
    @Args('input') input: RaiseEscalationInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<EscalationModel> {
    return this.escalation(await this.commands.execute(new RaiseEscalationCommand(input, context)));
  }

  @Mutation(() => EscalationModel, { description: 'What was tried, an update, a next step' })
  async addEscalationNote(
    @Args('input') input: EscalationNoteInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<EscalationModel> {
    await this.commands.execute(new AddEscalationNoteCommand(input.escalationId, input.kind, input.text, context));
    return this.escalation(input.escalationId);
  }

  @Mutation(() => EscalationModel, { description: 'Makes another responder the DRI' })
  reassignEscalation(@Args('input') input: ReassignEscalationInput, @CurrentRequest() context: RequestContext) {
    return this.change(
      input.escalationId,
      { kind: 'REASSIGN', responderId: input.responderId, note: input.note },
      context,
    );
  }

  @Mutation(() => EscalationModel)
  mitigateEscalation(
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.change(escalationId, { kind: 'MITIGATE', note: limited(note) }, context);
  }

  @Mutation(() => EscalationModel)
  resolveEscalation(
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.change(escalationId, { kind: 'RESOLVE', note: limited(note) }, context);
  }

  @Mutation(() => EscalationModel, {
    description:
      'Qualifies a customer emergency; NOT_AN_EMERGENCY downgrades it to high priority in the follow-up ticket',
  })
  qualifyEmergency(@Args('input') input: QualifyEmergencyInput, @CurrentRequest() context: RequestContext) {
    const { escalationId, ...qualification } = input;
    return this.change(escalationId, { kind: 'QUALIFY', ...qualification }, context);
  }

  @Mutation(() => EscalationModel, {
    description: 'The first contact with the customer: without a reply, a follow-up is due 15 minutes later',
  })
  recordCustomerContact(
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.change(escalationId, { kind: 'CUSTOMER_CONTACTED' }, context);
  }

  @Mutation(() => EscalationModel, { description: 'The customer replied: the follow-up timers stop' })
  recordCustomerReply(
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.change(escalationId, { kind: 'CUSTOMER_REPLIED' }, context);
  }

  @Mutation(() => EscalationModel, { description: 'A manager pages the backup pool for a concurrent emergency' })
  async pageBackupPool(
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<EscalationModel> {
    await this.commands.execute(new PageBackupPoolCommand(escalationId, context));
    return this.escalation(escalationId);
  }

  @Mutation(() => EscalationModel, { description: 'Groups it under an incident; null removes the tag' })
  async tagEscalation(
    @Args('escalationId', { type: () => ID }) escalationId: string,
    @Args('incidentTag', { type: () => String, nullable: true }) incidentTag: string | null,
    @CurrentRequest() context: RequestContext,
  ): Promise<EscalationModel> {
    await this.commands.execute(
      new TagEscalationCommand(escalationId, limited(incidentTag ?? undefined, 'incidentTag', 100) ?? null, context),
    );
    return this.escalation(escalationId);
  }

  @Mutation(() => EscalationModel, { description: 'Sends it to another rotation, or to a service owner’s second tier' })
  async rerouteEscalation(
    @Args('input') input: RerouteEscalationInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<EscalationModel> {
    await this.commands.execute(new RerouteEscalationCommand(input.escalationId, input, context));
    return this.escalation(input.escalationId);
  }

  private async change(escalationId: string, change: EscalationChange, context: RequestContext) {
    await this.commands.execute(new ChangeEscalationCommand(escalationId, change, context));
    return this.escalation(escalationId);
  }
}

/** Free-text arguments outside input types: the same 2,000-character cap the inputs use. */
function limited(text: string | undefined, field = 'note', max = 2000): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.length > max) throw new BadUserInputError(field, `${field} must be at most ${max} characters`);
  return text;
}
