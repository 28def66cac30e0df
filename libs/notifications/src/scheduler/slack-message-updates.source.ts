import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, systemContext, type Clock } from '@app/core';
import { EscalationQueries } from '@app/escalations';
import { CommandRunner, DueTaskSourceProvider, type DueTask, type DueTaskSource, firstDueAt } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { ChannelError } from '../channels/notification-channel.js';
import { answeredBlocks } from '../channels/slack/slack-blocks.js';
import { SlackChannel } from '../channels/slack/slack.channel.js';
import { nextAttemptAt, type BackoffPolicy } from '../outbound/retry-backoff.js';
import {
  slackMessageUpdateDecider,
  slackMessageUpdateStream,
} from '../slack/message-updates/slack-message-update.decider.js';
import {
  SlackPageMessagesProjection,
  type DueMessageUpdate,
  type PageOutcome,
} from '../slack/message-updates/slack-page-messages.projection.js';

interface UpdateTask extends DueTask {
  update: DueMessageUpdate;
}

const BACKOFF: BackoffPolicy = { maxAttempts: 5, baseDelayMs: 15_000, maxDelayMs: 10 * 60_000 };

/**
 * Replaces a page's Slack messages once the page is answered, timed out or cancelled: the
 * buttons go, and the message says what happened. Each outcome is an event, so a restart or a
 * second instance does not update a message again once it is recorded.
 */
@DueTaskSourceProvider()
@Injectable()
export class SlackMessageUpdatesSource implements DueTaskSource<UpdateTask> {
  readonly name = 'slack-message-updates';

  constructor(
    private readonly messages: SlackPageMessagesProjection,
    private readonly slack: SlackChannel,
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly escalations: EscalationQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  nextDueAt(): Date | undefined {
    return firstDueAt(this);
  }

  due(now: Date, limit: number): UpdateTask[] {
    return this.messages
      .due(now, limit)
      .map((update) => ({ taskId: update.taskId, dueAt: new Date(update.dueAt), update }));
  }

  async run({ update }: UpdateTask): Promise<void> {
    const { taskId, pageId, externalId } = update;
    const outcome = this.messages.outcome(pageId);
    if (!outcome) return;
    const escalation = this.escalations.find(outcome.escalationId);
    const headline = escalation ? `[${escalation.severity}] ${escalation.title}` : 'Page';
    const said = this.describe(outcome);
    const context = systemContext(taskId);
    const at = this.clock.now();
    try {
      await this.slack.update(externalId, `${headline}: ${said}`, answeredBlocks(headline, said, `Page ${pageId}`));
      await this.runner.run(
        slackMessageUpdateStream(taskId),
        slackMessageUpdateDecider,
        { type: 'RecordUpdated', taskId, pageId, externalId, at: at.toISOString() },
        context,
      );
    } catch (error) {
      const attempt = update.attempts + 1;
      const retryable = !(error instanceof ChannelError) || error.retryable;
      const retryAt = retryable ? nextAttemptAt(BACKOFF, taskId, attempt, at) : undefined;
      await this.runner.run(
        slackMessageUpdateStream(taskId),
        slackMessageUpdateDecider,
        {
          type: 'RecordFailure',
          taskId,
          pageId,
          externalId,
          attempt,
          error: (error as Error).message.slice(0, 500),
          at: at.toISOString(),
          retryAt: retryAt?.toISOString() ?? null,
        },
        context,
      );
    }
  }

  private describe(outcome: PageOutcome): string {
    const who = outcome.responderId ? (this.schedule.findResponder(outcome.responderId)?.name ?? 'someone') : 'someone';
    const when = `${outcome.at.slice(0, 16).replace('T', ' ')} UTC`;
    switch (outcome.kind) {
      case 'ACKNOWLEDGED':
        return `:eyes: Acknowledged by ${who} at ${when}`;
      case 'RESOLVED':
        return `:white_check_mark: Resolved by ${who} at ${when}`;
      case 'TIMED_OUT':
        return `:hourglass: Not acknowledged in time (${when}): escalated to the next step`;
      case 'CANCELLED':
        return `Page cancelled at ${when} (${(outcome.detail ?? '').toLowerCase().replace(/_/g, ' ')})`;
    }
  }
}
