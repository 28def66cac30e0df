import { BadUserInputError, ConflictError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import type { ShiftPattern } from '../schedule/schedule.types.js';
import { rotationDecider } from './rotation.decider.js';
import type { RotationEvent } from './rotation.events.js';

const spec = deciderSpecification(rotationDecider);

const weeklyMonday: ShiftPattern = {
  cycle: 'weekly',
  handoffs: [{ weekday: 1, time: '10:00' }],
  respondersPerShift: 1,
};
const created: RotationEvent = {
  type: 'RotationCreated',
  data: {
    rotationId: 'r1',
    name: 'Platform weekly',
    team: 'platfrom',
    timeZone: 'Europe/Berlin',
    startDate: '2026-10-05',
    pattern: weeklyMonday,
    coverageWindows: [],
    driWindows: [],
    participants: [{ responderId: 'clara' }, { responderId: 'dieter' }, { responderId: 'ben' }],
    shadows: [],
    createdAt: '2026-10-01T00:00:00.000Z',
  },
};
const now = '2026-10-14T12:00:00.000Z';
const twiceAWeek: ShiftPattern = {
  cycle: 'weekly',
  handoffs: [
    { weekday: 1, time: '10:00' },
    { weekday: 4, time: '10:00' },
  ],
  respondersPerShift: 1,
};
const archived: RotationEvent = { type: 'RotationArchived', data: { rotationId: 'r1', archivedAt: now } };

describe('rotation corrections', () => {
  it('renames and re-teams at once, recording only what changes', () => {
    spec
      .given([created])
      .when({ type: 'UpdateRotation', rotationId: 'r1', now, changes: { name: 'Platform weekly', team: 'platform' } })
      .then([{ type: 'RotationUpdated', data: { rotationId: 'r1', changes: { team: 'platform' } } }]);
  });

  it('moves the handoffs to a new zone from the first handoff on a date', () => {
    spec
      .given([created])
      .when({
        type: 'UpdateRotation',
        rotationId: 'r1',
        now,
        changes: {},
        timeZone: { timeZone: 'Europe/London', fromDate: '2026-11-02' },
      })
      .then([
        {
          type: 'RotationTimeZoneChanged',
          data: {
            rotationId: 'r1',
            effectiveAt: '2026-11-02T09:00:00.000Z',
            pattern: weeklyMonday,
            timeZone: 'Europe/London',
          },
        },
      ]);
  });

  it('needs both a zone and its date, and a date still to come', () => {
    const update = { type: 'UpdateRotation' as const, rotationId: 'r1', now, changes: {} };
    spec
      .given([created])
      .when({ ...update, timeZone: { timeZone: 'Europe/London' } })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('timeZoneFromDate'));
    spec
      .given([created])
      .when({ ...update, timeZone: { fromDate: '2026-11-02' } })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('timeZone'));
    spec
      .given([created])
      .when({ ...update, timeZone: { timeZone: 'Europe/London', fromDate: '2026-10-05' } })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('timeZoneFromDate'));
  });

  it('changes the shift pattern from a future handoff named by date or by shift start', () => {
    const expected: RotationEvent[] = [
      {
        type: 'ShiftPatternChanged',
        data: {
          rotationId: 'r1',
          effectiveAt: '2026-11-02T09:00:00.000Z',
          pattern: twiceAWeek,
          timeZone: 'Europe/Berlin',
        },
      },
    ];
    spec
      .given([created])
      .when({
        type: 'ChangeShiftPattern',
        rotationId: 'r1',
        now,
        pattern: twiceAWeek,
        from: { fromDate: '2026-10-27' },
      })
      .then(expected);
    spec
      .given([created])
      .when({
        type: 'ChangeShiftPattern',
        rotationId: 'r1',
        now,
        pattern: twiceAWeek,
        from: { fromShiftStart: '2026-11-02T09:00:00.000Z' },
      })
      .then(expected);
  });

  it('refuses a pattern change at a past handoff, or at an instant that is no handoff', () => {
    const change = { type: 'ChangeShiftPattern' as const, rotationId: 'r1', now, pattern: twiceAWeek };
    spec
      .given([created])
      .when({ ...change, from: { fromShiftStart: '2026-10-12T08:00:00.000Z' } })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('fromShiftStart'));
    spec
      .given([created])
      .when({ ...change, from: { fromShiftStart: '2026-11-02T10:00:00.000Z' } })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('fromShiftStart'));
    spec
      .given([created])
      .when({ ...change, from: {} })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('fromDate'));
  });

  it('reorders participants from a shift, naming each once', () => {
    spec
      .given([created])
      .when({
        type: 'ReorderParticipants',
        rotationId: 'r1',
        now,
        order: ['dieter', 'clara', 'ben'],
        from: { fromShiftStart: '2026-10-19T08:00:00.000Z' },
      })
      .then([
        {
          type: 'RotationParticipantsReordered',
          data: { rotationId: 'r1', effectiveAt: '2026-10-19T08:00:00.000Z', order: ['dieter', 'clara', 'ben'] },
        },
      ]);
    spec
      .given([created])
      .when({ type: 'ReorderParticipants', rotationId: 'r1', now, order: ['dieter', 'clara'], from: {} })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('participantIds'));
  });

  it('takes a membership change from a local date at that day’s first handoff', () => {
    spec
      .given([created])
      .when({ type: 'RemoveParticipant', rotationId: 'r1', responderId: 'ben', from: now, fromDate: '2026-10-20' })
      .then([
        {
          type: 'RotationParticipantRemoved',
          data: { rotationId: 'r1', responderId: 'ben', from: '2026-10-26T09:00:00.000Z' },
        },
      ]);
  });

  it('archives once, and then takes no other change', () => {
    spec.given([created]).when({ type: 'ArchiveRotation', rotationId: 'r1', now }).then([archived]);
    spec.given([created, archived]).when({ type: 'ArchiveRotation', rotationId: 'r1', now }).then([]);
    spec
      .given([created, archived])
      .when({ type: 'AddParticipant', rotationId: 'r1', responderId: 'emi', from: now })
      .thenThrows(ConflictError);
    spec
      .given([created, archived])
      .when({ type: 'UpdateRotation', rotationId: 'r1', now, changes: { name: 'Old' } })
      .thenThrows(ConflictError);
  });
});
