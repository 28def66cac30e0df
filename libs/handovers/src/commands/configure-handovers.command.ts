import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { handoverSettingsDecider } from '../domain/settings/handover-settings.decider.js';
import { handoverSettingsStream, type HandoverSettings } from '../domain/settings/handover-settings.events.js';
import { HandoverAccessPolicy } from '../handovers.policy.js';

export class ConfigureHandoversCommand extends Command<void> {
  constructor(
    readonly settings: HandoverSettings,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ConfigureHandoversCommand)
export class ConfigureHandoversHandler implements ICommandHandler<ConfigureHandoversCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly access: HandoverAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ settings, context }: ConfigureHandoversCommand): Promise<void> {
    const actor = this.access.assertCanConfigure(context);
    for (const id of [settings.rotationId, ...settings.receivingRotationIds]) this.schedule.rotation(id);
    await this.runner.run(
      handoverSettingsStream(settings.rotationId),
      handoverSettingsDecider,
      { type: 'Configure', settings, at: this.clock.now().toISOString(), by: actor.responderId },
      context,
    );
  }
}
