import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { RapidActionWriter } from './rapid-action-writer.js';

export interface ResolveRapidAction {
  rapidActionId: string;
  summary?: string | null;
  /** Resolve although some exit criteria are unmet; needs a reason. */
  overrideUnmetCriteria?: boolean | null;
  overrideReason?: string | null;
}

/** Resolves an action once every exit criterion is met, or by explicit override with a reason. */
export class ResolveRapidActionCommand extends Command<void> {
  constructor(
    readonly input: ResolveRapidAction,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ResolveRapidActionCommand)
export class ResolveRapidActionHandler implements ICommandHandler<ResolveRapidActionCommand> {
  constructor(private readonly writer: RapidActionWriter) {}

  async execute({ input, context }: ResolveRapidActionCommand): Promise<void> {
    await this.writer.run(
      'resolve',
      {
        type: 'Resolve',
        rapidActionId: input.rapidActionId,
        summary: input.summary?.trim() || null,
        overrideUnmetCriteria: input.overrideUnmetCriteria ?? false,
        overrideReason: input.overrideReason?.trim() || null,
      },
      context,
    );
  }
}
