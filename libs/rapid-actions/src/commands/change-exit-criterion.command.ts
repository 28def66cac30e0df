import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { RapidActionWriter } from './rapid-action-writer.js';

export type ExitCriterionChange =
  | { kind: 'Add'; rapidActionId: string; description: string; dashboardUrl: string | null }
  | {
      kind: 'Reword';
      rapidActionId: string;
      criterionId: string;
      description: string;
      /** Absent: keep the current link; null: remove it. */
      dashboardUrl?: string | null;
    }
  | { kind: 'MarkMet'; rapidActionId: string; criterionId: string; evidence: string }
  | { kind: 'MarkUnmet'; rapidActionId: string; criterionId: string; reason: string };

/** Exit criteria are added, reworded, marked met (with evidence) or unmet again. */
export class ChangeExitCriterionCommand extends Command<void> {
  constructor(
    readonly change: ExitCriterionChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeExitCriterionCommand)
export class ChangeExitCriterionHandler implements ICommandHandler<ChangeExitCriterionCommand> {
  constructor(private readonly writer: RapidActionWriter) {}

  async execute({ change, context }: ChangeExitCriterionCommand): Promise<void> {
    switch (change.kind) {
      case 'Add':
        return this.writer.run(
          'editExitCriteria',
          {
            type: 'AddExitCriterion',
            rapidActionId: change.rapidActionId,
            criterionId: randomUUID(),
            description: change.description.trim(),
            dashboardUrl: change.dashboardUrl,
          },
          context,
        );
      case 'Reword': {
        const { kind: _, description, ...rest } = change;
        return this.writer.run(
          'editExitCriteria',
          { type: 'RewordExitCriterion', description: description.trim(), ...rest },
          context,
        );
      }
      case 'MarkMet': {
        const { kind: _, ...rest } = change;
        return this.writer.run('reportExitCriterion', { type: 'MarkExitCriterionMet', ...rest }, context);
      }
      case 'MarkUnmet': {
        const { kind: _, ...rest } = change;
        return this.writer.run('reportExitCriterion', { type: 'MarkExitCriterionUnmet', ...rest }, context);
      }
    }
  }
}
