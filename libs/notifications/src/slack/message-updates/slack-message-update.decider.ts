import { deterministicId, type Decider, type DomainEvent } from '@app/event-store';

/** One chat.update of one Slack message after its page changed state: done, or failed (retried until `retryAt` is null). */
export type SlackMessageUpdateEvent =
  | DomainEvent<'SlackMessageUpdated', { taskId: string; pageId: string; externalId: string; at: string }>
  | DomainEvent<
      'SlackMessageUpdateFailed',
      {
        taskId: string;
        pageId: string;
        externalId: string;
        attempt: number;
        error: string;
        at: string;
        retryAt: string | null;
      }
    >;

export type RecordSlackMessageUpdate =
  | { type: 'RecordUpdated'; taskId: string; pageId: string; externalId: string; at: string }
  | {
      type: 'RecordFailure';
      taskId: string;
      pageId: string;
      externalId: string;
      attempt: number;
      error: string;
      at: string;
      retryAt: string | null;
    };

interface State {
  done: boolean;
  attempts: number;
}

export const slackMessageUpdateStream = (taskId: string) => `slack-message-update-${taskId}`;

/** Each outcome once: a repeated attempt (a second instance, a restart) records nothing. */
export const slackMessageUpdateDecider: Decider<RecordSlackMessageUpdate, State, SlackMessageUpdateEvent> = {
  initialState: () => ({ done: false, attempts: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'SlackMessageUpdated':
        return { ...state, done: true };
      case 'SlackMessageUpdateFailed':
        return { done: event.data.retryAt === null, attempts: event.data.attempt };
    }
  },
  decide: (command, state) => {
    if (state.done) return [];
    switch (command.type) {
      case 'RecordUpdated': {
        const { type: _, ...data } = command;
        return [{ type: 'SlackMessageUpdated', id: deterministicId(command.taskId, 'updated'), data }];
      }
      case 'RecordFailure': {
        if (command.attempt <= state.attempts) return [];
        const { type: _, ...data } = command;
        return [
          {
            type: 'SlackMessageUpdateFailed',
            id: deterministicId(command.taskId, 'failed', String(command.attempt)),
            data,
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
};
