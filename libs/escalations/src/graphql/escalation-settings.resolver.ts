import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { BadUserInputError, CurrentRequest, type RequestContext, PageArgs, pageOfList } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import { SaveServiceCommand } from '../commands/register-service.command.js';
import { SetEscalationPolicyCommand } from '../commands/set-escalation-policy.command.js';
import { SetPresenceCommand } from '../commands/set-presence.command.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries } from '../projections/escalation.queries.js';
import { PresenceStateValue } from './escalations.enums.js';
import { EscalationsMapper } from './escalations.mapper.js';
import { EscalationPolicyInput, RegisterServiceInput, ServiceOwnershipInput } from './inputs/escalation.input.js';
import { EscalationPolicyModel } from './models/escalation-policy.model.js';
import { ResponderPresenceModel } from './models/responder-presence.model.js';
import { ServiceConnection, ServiceModel } from './models/service.model.js';

/** Escalation policies, services and presence: what paging reads besides the schedule. */
@Resolver()
export class EscalationSettingsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    private readonly pager: Pager,
    private readonly mapper: EscalationsMapper,
  ) {}

  @Query(() => EscalationPolicyModel, { description: 'The rotation’s policy, or the default one' })
  escalationPolicy(@Args('rotationId', { type: () => ID }) rotationId: string): EscalationPolicyModel {
    this.schedule.rotation(rotationId);
    return this.mapper.policy(this.pager.policyFor(rotationId), this.queries.policy(rotationId) === undefined);
  }

  @Mutation(() => EscalationPolicyModel)
  async setEscalationPolicy(
    @Args('input') input: EscalationPolicyInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<EscalationPolicyModel> {
    await this.commands.execute(
      new SetEscalationPolicyCommand(
        {
          rotationId: input.rotationId,
          pagingMode: input.pagingMode,
          ackSloMinutes: input.ackSloMinutes,
          steps: input.steps.map((s) => ({
            layer: s.layer,
            ...(s.rotationId ? { rotationId: s.rotationId } : {}),
            ...(s.responderIds?.length ? { responderIds: s.responderIds } : {}),
            ackTimeoutMinutes: s.ackTimeoutMinutes,
          })),
          backupPoolIds: input.backupPoolIds ?? [],
        },
        context,
      ),
    );
    return this.escalationPolicy(input.rotationId);
  }

  @Query(() => ServiceConnection, { description: 'By name' })
  services(@Args() page: PageArgs): ServiceConnection {
    const found = pageOfList(this.queries.services(), page, (s) => [s.name, s.serviceId], 2);
    return { ...found, nodes: found.nodes.map((s) => this.mapper.service(s)) };
  }

  @Mutation(() => ServiceModel)
  async registerService(
    @Args('input') input: RegisterServiceInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ServiceModel> {
    const id = await this.commands.execute(new SaveServiceCommand(input, context));
    return this.mapper.service(this.queries.service(id));
  }

  @Mutation(() => ServiceModel, { description: 'Changes who owns a service and where its escalations are routed' })
  async changeServiceOwnership(
    @Args('input') input: ServiceOwnershipInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ServiceModel> {
    const id = await this.commands.execute(new SaveServiceCommand(input, context));
    return this.mapper.service(this.queries.service(id));
  }

  @Query(() => [ResponderPresenceModel])
  responderPresence(@Args('responderIds', { type: () => [ID] }) responderIds: string[]): ResponderPresenceModel[] {
    if (responderIds.length > 200) throw new BadUserInputError('responderIds', 'ask for at most 200 responders');
    for (const id of responderIds) this.schedule.responder(id);
    return [...this.queries.presence(responderIds).values()].map((p) => this.mapper.presence(p));
  }

  @Mutation(() => ResponderPresenceModel, { description: 'Online or away (a chat integration reports it)' })
  async setPresence(
    @Args('responderId', { type: () => ID }) responderId: string,
    @Args('state', { type: () => PresenceStateValue }) state: PresenceStateValue,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderPresenceModel> {
    await this.commands.execute(new SetPresenceCommand(responderId, state, context));
    return this.mapper.presence(this.queries.presence([responderId]).get(responderId)!);
  }
}
