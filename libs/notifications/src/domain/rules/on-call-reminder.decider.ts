import { BadUserInputError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import { MAX_REMINDER_MINUTES, MIN_REMINDER_MINUTES, type OnCallReminderEvent } from './on-call-reminder.events.js';

type SetEvent = Extract<OnCallReminderEvent, { type: 'OnCallReminderSet' }>;

export interface SetOnCallReminder {
  type: 'SetOnCallReminder';
  responderId: string;
  minutesBefore: number | null;
  at: string;
  by: string;
}

/** "Tell me N minutes before I go on call", per responder; off unless set. */
export const onCallReminderDecider: Decider<SetOnCallReminder, number | null, SetEvent> = {
  initialState: () => null,

  decide(command, state) {
    const { minutesBefore } = command;
    if (
      minutesBefore !== null &&
      (!Number.isInteger(minutesBefore) || minutesBefore < MIN_REMINDER_MINUTES || minutesBefore > MAX_REMINDER_MINUTES)
    ) {
      throw new BadUserInputError(
        'minutesBefore',
        `A reminder comes ${MIN_REMINDER_MINUTES} to ${MAX_REMINDER_MINUTES} whole minutes before a shift`,
      );
    }
    if (state === minutesBefore) return [];
    const { responderId, at, by } = command;
    return [{ type: 'OnCallReminderSet', data: { responderId, minutesBefore, at, by } }];
  },

  evolve: (_state, event) => event.data.minutesBefore,
};
