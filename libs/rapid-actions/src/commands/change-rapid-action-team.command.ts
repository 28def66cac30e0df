import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import type { SubDriScope } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionWriter } from './rapid-action-writer.js';

export type TeamChange =
  | { kind: 'AddStakeholder' | 'RemoveStakeholder' | 'ReleaseSubDri'; rapidActionId: string; responderId: string }
  | { kind: 'AssignSubDri'; rapidActionId: string; responderId: string; scope: SubDriScope };

/** Stakeholders and sub-DRIs: who follows the action and who answers for a part of it. */
export class ChangeRapidActionTeamCommand extends Command<void> {
  constructor(
    readonly change: TeamChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeRapidActionTeamCommand)
export class ChangeRapidActionTeamHandler implements ICommandHandler<ChangeRapidActionTeamCommand> {
  constructor(
    private readonly writer: RapidActionWriter,
    private readonly schedule: ScheduleQueries,
  ) {}

  async execute({ change, context }: ChangeRapidActionTeamCommand): Promise<void> {
    const { rapidActionId, responderId } = change;
    switch (change.kind) {
      case 'AddStakeholder':
        await this.writer.assertCan('manageStakeholders', rapidActionId, context);
        this.schedule.responder(responderId);
        return this.writer.run('manageStakeholders', { type: 'AddStakeholder', rapidActionId, responderId }, context);
      case 'RemoveStakeholder':
        return this.writer.run(
          'manageStakeholders',
          { type: 'RemoveStakeholder', rapidActionId, responderId },
          context,
        );
      case 'AssignSubDri':
        await this.writer.assertCan('manageSubDris', rapidActionId, context);
        this.schedule.responder(responderId);
        return this.writer.run(
          'manageSubDris',
          { type: 'AssignSubDri', rapidActionId, responderId, scope: change.scope },
          context,
        );
      case 'ReleaseSubDri':
        return this.writer.run('manageSubDris', { type: 'ReleaseSubDri', rapidActionId, responderId }, context);
    }
  }
}
