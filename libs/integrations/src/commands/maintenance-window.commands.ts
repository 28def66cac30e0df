import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { EscalationQueries } from '@app/escalations';
import { ScheduleQueries } from '@app/scheduling';
import { maintenanceWindowDecider } from '../domain/maintenance-window/maintenance-window.decider.js';
import { maintenanceWindowStream } from '../domain/maintenance-window/maintenance-window.events.js';
import { IntegrationsPolicy } from '../integrations.policy.js';

export interface ScheduleMaintenanceWindow {
  serviceId?: string;
  rotationId?: string;
  start: Date;
  end: Date;
  reason: string;
}

/** Alerts for the service or rotation during the window are recorded and page nobody. Returns the window id. */
export class ScheduleMaintenanceWindowCommand extends Command<string> {
  constructor(
    readonly input: ScheduleMaintenanceWindow,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class EndMaintenanceWindowCommand extends Command<void> {
  constructor(
    readonly windowId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ScheduleMaintenanceWindowCommand)
export class ScheduleMaintenanceWindowHandler implements ICommandHandler<ScheduleMaintenanceWindowCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IntegrationsPolicy,
    private readonly escalations: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: ScheduleMaintenanceWindowCommand): Promise<string> {
    this.policy.assertCanManageMaintenanceWindows(context);
    if (input.serviceId && input.rotationId) {
      throw new BadUserInputError('rotationId', 'name either a service or a rotation, not both');
    }
    if (input.serviceId) this.escalations.service(input.serviceId);
    else if (input.rotationId) this.schedule.rotation(input.rotationId);
    const windowId = randomUUID();
    await this.runner.run(
      maintenanceWindowStream(windowId),
      maintenanceWindowDecider,
      {
        type: 'ScheduleMaintenanceWindow',
        windowId,
        serviceId: input.serviceId ?? null,
        rotationId: input.rotationId ?? null,
        startsAt: input.start.toISOString(),
        endsAt: input.end.toISOString(),
        reason: input.reason,
        scheduledAt: this.clock.now().toISOString(),
        scheduledBy: context.actor,
      },
      context,
    );
    return windowId;
  }
}

@CommandHandler(EndMaintenanceWindowCommand)
export class EndMaintenanceWindowHandler implements ICommandHandler<EndMaintenanceWindowCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IntegrationsPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ windowId, context }: EndMaintenanceWindowCommand): Promise<void> {
    this.policy.assertCanManageMaintenanceWindows(context);
    await this.runner.run(
      maintenanceWindowStream(windowId),
      maintenanceWindowDecider,
      { type: 'EndMaintenanceWindow', windowId, at: this.clock.now().toISOString(), by: context.actor },
      context,
    );
  }
}
