import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { serviceDecider } from '../domain/service/service.decider.js';
import { serviceStream } from '../domain/service/service.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

export interface ServiceOwnership {
  owningTeam?: string;
  secondTierRotationId?: string;
}

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ service, context }: SaveServiceCommand): Promise<string> {
    const actor = this.access.mayConfigure(context);
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
    const name = service.name!;
    if (this.queries.serviceNamed(name)) {
      throw new ConflictError(`A service named ${name} already exists`, { field: 'name' });
    }
    const serviceId = randomUUID();
    await this.runner.run(
      serviceStream(serviceId),
      serviceDecider,
      { type: 'RegisterService', serviceId, name, ...ownership },
      context,
    );
    return serviceId;
  }
}
