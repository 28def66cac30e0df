import { BadUserInputError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { onCallReminderDecider, type SetOnCallReminder } from './on-call-reminder.decider.js';

const spec = deciderSpecification(onCallReminderDecider);
const at = '2026-07-15T10:00:00.000Z';
const set = (minutesBefore: number | null): SetOnCallReminder => ({
  type: 'SetOnCallReminder',
  responderId: 'ana',
  minutesBefore,
  at,
  by: 'ana',
});
const wasSet = (minutesBefore: number | null) => ({
  type: 'OnCallReminderSet' as const,
  data: { responderId: 'ana', minutesBefore, at, by: 'ana' },
});

describe('on-call reminder decider', () => {
  it('sets, changes and turns off the reminder; the same value again changes nothing', () => {
    spec
      .given([])
      .when(set(60))
      .then([wasSet(60)]);
    spec
      .given([wasSet(60)])
      .when(set(60))
      .then([]);
    spec
      .given([wasSet(60)])
      .when(set(null))
      .then([wasSet(null)]);
    spec.given([]).when(set(null)).then([]);
  });

  it.each([4, 1441, 2.5, -60])('refuses %p minutes', (minutes) => {
    spec
      .given([])
      .when(set(minutes))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('minutesBefore'));
  });
});
