import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner, UniqueKeys } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { serviceDecider } from '../domain/service/service.decider.js';
import { serviceStream } from '../domain/service/service.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

export interface ServiceOwnership {
  owningTeam?: string;
  secondTierRotationId?: string;
}

/** The stream of a service name's claim: `service-name-<name, NFC, lower-cased>`. */
export const SERVICE_NAME_SCOPE = 'service-name';

/** Registers a service (`serviceId` absent) or changes its owners. Returns the service id. */
export class SaveServiceCommand extends Command<string> {
  constructor(
    readonly service: ServiceOwnership & { serviceId?: string; name?: string },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SaveServiceCommand)
export class SaveServiceHandler implements ICommandHandler<SaveServiceCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly queries: EscalationQueries,
    private readonly access: EscalationAccessPolicy,
    private readonly uniqueKeys: UniqueKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ service, context }: SaveServiceCommand): Promise<string> {
    const actor = this.access.assertCanConfigure(context);
    if (service.secondTierRotationId) this.schedule.rotation(service.secondTierRotationId);
    const ownership = {
      owningTeam: service.owningTeam ?? null,
      secondTierRotationId: service.secondTierRotationId ?? null,
      at: this.clock.now().toISOString(),
      by: actor.responderId,
    };
    if (service.serviceId) {
      this.queries.service(service.serviceId);
      await this.runner.run(
        serviceStream(service.serviceId),
        serviceDecider,
        { type: 'ChangeOwnership', serviceId: service.serviceId, ...ownership },
        context,
      );
      return service.serviceId;
    }
    // One service per name (case-insensitive), claimed on the store as handles are (RegisterResponderHandler).
    const name = service.name!;
    const taken = () => new ConflictError(`A service named ${name} already exists`, { field: 'name' });
    if (this.queries.serviceNamed(name)) throw taken();
    const registration = (serviceId: string) => ({ type: 'RegisterService' as const, serviceId, name, ...ownership });
    const candidateId = randomUUID();
    serviceDecider.decide(registration(candidateId), serviceDecider.initialState());
    const serviceId = await this.uniqueKeys.claim(SERVICE_NAME_SCOPE, name, candidateId, context);
    try {
      await this.runner.run(serviceStream(serviceId), serviceDecider, registration(serviceId), context);
    } catch (error) {
      if (error instanceof ConflictError) throw taken();
      throw error;
    }
    return serviceId;
  }
}
