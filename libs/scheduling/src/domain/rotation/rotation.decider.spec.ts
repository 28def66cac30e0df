import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import type { RotationEvent } from './rotation.events.js';
import { rotationDecider, type RotationCommand } from './rotation.decider.js';

const spec = deciderSpecification(rotationDecider);

const create: Extract<RotationCommand, { type: 'CreateRotation' }> = {
  type: 'CreateRotation',
  rotationId: 'r1',
  name: 'AMER 1',
  team: 'support',
  timeZone: 'America/New_York',
  startDate: '2026-07-01',
  pattern: { cycle: 'daily', handoffs: [{ time: '12:00' }], shiftDuration: 'PT6H', respondersPerShift: 1 },
  coverageWindows: [],
  driWindows: [{ weekdays: [], start: '12:00', end: '14:30' }],
  participantIds: ['alice', 'bob'],
  shadowIds: [],
  createdAt: '2026-06-30T00:00:00.000Z',
};

const { type: _, participantIds: __, shadowIds: ___, ...definition } = create;
const created: RotationEvent = {
  type: 'RotationCreated',
  data: { ...definition, participants: [{ responderId: 'alice' }, { responderId: 'bob' }], shadows: [] },
};

describe('rotation decider', () => {
  it('creates a rotation', () => {
    spec.given([]).when(create).then([created]);
  });

  it('refuses a rotation without participants, naming the field', () => {
    spec
      .given([])
      .when({ ...create, participantIds: [] })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('participantIds'));
  });

  it('refuses an unknown time zone and a shift longer than the gap to the next handoff', () => {
    spec
      .given([])
      .when({ ...create, timeZone: 'Mars/Olympus' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('timeZone'));
    spec
      .given([])
      .when({ ...create, pattern: { ...create.pattern, shiftDuration: 'PT25H' } })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('pattern.shiftDuration'));
  });

  it('refuses creating the same rotation twice', () => {
    spec.given([created]).when(create).thenThrows(ConflictError);
  });

  it('adds a participant from a date, once', () => {
    const add = {
      type: 'AddParticipant',
      rotationId: 'r1',
      responderId: 'carol',
      from: '2026-08-01T00:00:00Z',
    } as const;
    spec
      .given([created])
      .when(add)
      .then([
        {
          type: 'RotationParticipantAdded',
          data: { rotationId: 'r1', responderId: 'carol', from: '2026-08-01T00:00:00Z' },
        },
      ]);
    spec
      .given([created])
      .when({ ...add, responderId: 'alice' })
      .thenThrows(ConflictError);
  });

  it('keeps at least one participant', () => {
    const remove = (responderId: string) =>
      ({ type: 'RemoveParticipant', rotationId: 'r1', responderId, from: '2026-08-01T00:00:00Z' }) as const;
    spec
      .given([
        created,
        {
          type: 'RotationParticipantRemoved',
          data: { rotationId: 'r1', responderId: 'alice', from: '2026-08-01T00:00:00Z' },
        },
      ])
      .when(remove('bob'))
      .thenThrows(BadUserInputError);
  });

  it('refuses an override whose covering responder is restricted', () => {
    spec
      .given([created])
      .when({
        type: 'ScheduleOverride',
        rotationId: 'r1',
        override: {
          overrideId: 'o1',
          responderId: 'dave',
          start: '2026-07-02T16:00:00Z',
          end: '2026-07-02T18:00:00Z',
          timeZone: 'UTC',
          createdBy: 'm',
        },
        availability: {
          dave: { responderId: 'dave', restrictions: [{ start: '1970-01-01T00:00:00Z' }], unavailability: [] },
        },
      })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('responderId'));
  });

  it('swaps two shifts held by the responders named, and nothing else', () => {
    const swap = {
      swapId: 's1',
      first: { shiftStart: '2026-07-01T16:00:00.000Z', responderId: 'alice' },
      second: { shiftStart: '2026-07-02T16:00:00.000Z', responderId: 'bob' },
      createdBy: 'alice',
    };
    spec
      .given([created])
      .when({ type: 'SwapShifts', rotationId: 'r1', swap, availability: {} })
      .then([{ type: 'ShiftsSwapped', data: { rotationId: 'r1', ...swap } }]);
    spec
      .given([created])
      .when({
        type: 'SwapShifts',
        rotationId: 'r1',
        swap: { ...swap, second: { ...swap.second, responderId: 'alice' } },
        availability: {},
      })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('second.responderId'));
    spec
      .given([created])
      .when({
        type: 'SwapShifts',
        rotationId: 'r1',
        swap: { ...swap, first: { ...swap.first, shiftStart: '2026-07-01T17:00:00.000Z' } },
        availability: {},
      })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('first.shiftStart'));
  });

  it('answers NOT_FOUND for a command on a rotation that does not exist', () => {
    spec
      .given([])
      .when({ type: 'CancelOverride', rotationId: 'r9', overrideId: 'o', cancelledBy: 'x' })
      .thenThrows(NotFoundError);
  });
});
