import type { DomainEvent } from '@app/event-store/pure';

export const MIN_REMINDER_MINUTES = 5;
export const MAX_REMINDER_MINUTES = 1440;

export type OnCallReminderEvent =
  /** null turns the reminder off. */
  | DomainEvent<'OnCallReminderSet', { responderId: string; minutesBefore: number | null; at: string; by: string }>
  /** A time-driven step: the responder goes on call at `shiftStart` (one stream per reminder, so it is recorded once). */
  | DomainEvent<
      'OnCallReminderDue',
      {
        reminderId: string;
        responderId: string;
        rotationId: string;
        shiftStart: string;
        minutesBefore: number;
        at: string;
      }
    >;

export const onCallReminderSettingsStream = (responderId: string) => `on-call-reminder-settings-${responderId}`;
export const onCallReminderStream = (reminderId: string) => `on-call-reminder-${reminderId}`;
