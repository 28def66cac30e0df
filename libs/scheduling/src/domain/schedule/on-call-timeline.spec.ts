import { OnCallTimeline } from './on-call-timeline.js';
import type { ClockWindow, ResponderAvailability, RotationSchedule, ShiftPattern } from './schedule.types.js';

const daily = (time: string, shiftDuration?: string): ShiftPattern => ({
  cycle: 'daily',
  handoffs: [{ time }],
  shiftDuration,
  respondersPerShift: 1,
});

function rotation(overrides: Partial<RotationSchedule> & Pick<RotationSchedule, 'pattern'>): RotationSchedule {
  return {
    rotationId: 'r',
    timeZone: 'America/New_York',
    startDate: '2026-01-01',
    coverageWindows: [],
    driWindows: [],
    participants: [{ responderId: 'alice' }],
    shadows: [],
    overrides: [],
    swaps: [],
    ...overrides,
  };
}

const nobodyRestricted = () => undefined;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function whoAt(schedule: RotationSchedule, instant: string, availability = nobodyRestricted) {
  return new OnCallTimeline(schedule, availability).at(at(instant)).map((s) => s.responderId);
}

describe('AMER customer-emergency shifts (three overlapping 6-hour shifts with DRI windows)', () => {
  const window = (start: string, end: string): ClockWindow[] => [{ weekdays: [], start, end }];
  const amer = [
    rotation({
      rotationId: 'amer1',
      pattern: daily('12:00', 'PT6H'),
      driWindows: window('12:00', '14:30'),
      participants: [{ responderId: 'a1' }],
    }),
    rotation({
      rotationId: 'amer2',
      pattern: daily('13:00', 'PT6H'),
      driWindows: window('14:30', '17:30'),
      participants: [{ responderId: 'a2' }],
    }),
    rotation({
      rotationId: 'amer3',
      pattern: daily('14:00', 'PT6H'),
      driWindows: window('17:30', '20:00'),
      participants: [{ responderId: 'a3' }],
    }),
  ];

  function snapshot(instant: string) {
    const onCall: string[] = [];
    const dri: string[] = [];
    for (const schedule of amer) {
      const timeline = new OnCallTimeline(schedule, nobodyRestricted);
      const segments = timeline.at(at(instant));
      onCall.push(...segments.map((s) => s.responderId));
      if (segments.length > 0 && timeline.isDriWindow(at(instant))) dri.push(segments[0].responderId);
    }
    return { onCall, dri };
  }

  // Summer (EDT, UTC-4): AMER 1 16-22 UTC, AMER 2 17-23, AMER 3 18-24; DRI 12:00, 14:30, 17:30 EDT.
  it.each([
    ['2026-07-15T15:59:00Z', [], []],
    ['2026-07-15T16:00:00Z', ['a1'], ['a1']],
    ['2026-07-15T17:00:00Z', ['a1', 'a2'], ['a1']],
    ['2026-07-15T18:29:00Z', ['a1', 'a2', 'a3'], ['a1']],
    ['2026-07-15T18:30:00Z', ['a1', 'a2', 'a3'], ['a2']],
    ['2026-07-15T21:29:00Z', ['a1', 'a2', 'a3'], ['a2']],
    ['2026-07-15T21:30:00Z', ['a1', 'a2', 'a3'], ['a3']],
    ['2026-07-15T22:00:00Z', ['a2', 'a3'], ['a3']],
    ['2026-07-15T23:00:00Z', ['a3'], ['a3']],
    ['2026-07-15T23:59:00Z', ['a3'], ['a3']],
    ['2026-07-16T00:00:00Z', [], []],
  ])('in summer at %s: on call %j, DRI %j', (instant, onCall, dri) => {
    expect(snapshot(instant)).toEqual({ onCall, dri });
  });

  // Winter (EST, UTC-5): the same New York hours fall an hour later in UTC.
  it.each([
    ['2026-01-15T16:00:00Z', [], []],
    ['2026-01-15T17:00:00Z', ['a1'], ['a1']],
    ['2026-01-15T18:00:00Z', ['a1', 'a2'], ['a1']],
    ['2026-01-15T19:29:00Z', ['a1', 'a2', 'a3'], ['a1']],
    ['2026-01-15T19:30:00Z', ['a1', 'a2', 'a3'], ['a2']],
    ['2026-01-15T22:30:00Z', ['a1', 'a2', 'a3'], ['a3']],
    ['2026-01-15T23:00:00Z', ['a2', 'a3'], ['a3']],
    ['2026-01-16T00:00:00Z', ['a3'], ['a3']],
    ['2026-01-16T01:00:00Z', [], []],
  ])('in winter at %s: on call %j, DRI %j', (instant, onCall, dri) => {
    expect(snapshot(instant)).toEqual({ onCall, dri });
  });

  it('reports each shift with its start and end', () => {
    const [segment] = new OnCallTimeline(amer[0], nobodyRestricted).at(at('2026-07-15T17:00:00Z'));
    expect([iso(segment.start), iso(segment.end)]).toEqual(['2026-07-15T16:00:00.000Z', '2026-07-15T22:00:00.000Z']);
  });
});

describe('daylight saving', () => {
  const noon = rotation({ pattern: daily('12:00'), participants: [{ responderId: 'alice' }, { responderId: 'bob' }] });

  it.each([
    // spring forward on 2026-03-08 in New York
    ['2026-03-07T17:00:00.000Z', '2026-03-08T16:00:00.000Z'],
    ['2026-03-08T16:00:00.000Z', '2026-03-09T16:00:00.000Z'],
    // fall back on 2026-11-01
    ['2026-10-31T16:00:00.000Z', '2026-11-01T17:00:00.000Z'],
    ['2026-11-01T17:00:00.000Z', '2026-11-02T17:00:00.000Z'],
  ])('keeps a 12:00 New York handoff at 12:00 local: shift from %s to %s', (start, end) => {
    const [segment] = new OnCallTimeline(noon, nobodyRestricted).at(at(start));
    expect([iso(segment.start), iso(segment.end)]).toEqual([start, end]);
  });

  it('makes the overnight US Government shift 7 or 9 hours long on change nights', () => {
    const government = rotation({
      timeZone: 'America/Los_Angeles',
      pattern: {
        cycle: 'daily',
        handoffs: [{ time: '05:00' }, { time: '13:00' }, { time: '21:00' }],
        respondersPerShift: 1,
      },
      participants: ['g1', 'g2', 'g3'].map((responderId) => ({ responderId })),
    });
    const timeline = new OnCallTimeline(government, nobodyRestricted);
    const hours = (instant: string) => {
      const [s] = timeline.at(at(instant));
      return (s.end - s.start) / 3_600_000;
    };
    expect(hours('2026-03-08T06:00:00Z')).toBe(7); // 21:00 PST → 05:00 PDT
    expect(hours('2026-11-01T06:00:00Z')).toBe(9); // 21:00 PDT → 05:00 PST
    expect(hours('2026-07-01T06:00:00Z')).toBe(8);
    const [morning] = timeline.at(at('2026-03-08T13:00:00Z'));
    expect(iso(morning.start)).toBe('2026-03-08T12:00:00.000Z'); // 05:00 PDT
  });
});

describe('turns', () => {
  it('hands a weekly rotation over on Monday 10:00 local, two engineers per week', () => {
    const weekly = rotation({
      timeZone: 'Europe/Amsterdam',
      startDate: '2026-11-02',
      pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 2 },
      participants: ['a', 'b', 'c', 'd'].map((responderId) => ({ responderId })),
    });
    expect(whoAt(weekly, '2026-11-02T08:59:00Z')).toEqual([]);
    expect(whoAt(weekly, '2026-11-02T09:00:00Z')).toEqual(['a', 'b']);
    expect(whoAt(weekly, '2026-11-09T08:59:00Z')).toEqual(['a', 'b']);
    expect(whoAt(weekly, '2026-11-09T09:00:00Z')).toEqual(['c', 'd']);
    expect(whoAt(weekly, '2026-11-16T09:00:00Z')).toEqual(['a', 'b']);
  });

  it('skips a restricted or unavailable responder for the next in order', () => {
    const schedule = rotation({
      pattern: daily('09:00'),
      participants: ['a', 'b', 'c'].map((responderId) => ({ responderId })),
    });
    const availability = (id: string): ResponderAvailability | undefined =>
      id === 'a'
        ? { responderId: 'a', restrictions: [{ start: '2000-01-01T00:00:00Z' }], unavailability: [] }
        : undefined;
    const [segment] = new OnCallTimeline(schedule, availability).at(at('2026-01-01T15:00:00Z'));
    expect(segment.responderId).toBe('b');
    expect(segment.reason).toEqual({ kind: 'TURN', skipped: [{ responderId: 'a', why: 'RESTRICTED' }] });
  });

  it('lets participants join and leave from a date', () => {
    const schedule = rotation({
      pattern: daily('09:00'),
      participants: [
        { responderId: 'a', until: '2026-01-03T00:00:00Z' },
        { responderId: 'b' },
        { responderId: 'c', from: '2026-01-03T00:00:00Z' },
      ],
    });
    // shift n goes to the (n mod count)-th participant active at its start
    expect(whoAt(schedule, '2026-01-01T15:00:00Z')).toEqual(['a']); // shift 0 of [a, b]
    expect(whoAt(schedule, '2026-01-02T15:00:00Z')).toEqual(['b']); // shift 1 of [a, b]
    expect(whoAt(schedule, '2026-01-03T15:00:00Z')).toEqual(['b']); // shift 2 of [b, c]
    expect(whoAt(schedule, '2026-01-04T15:00:00Z')).toEqual(['c']); // shift 3 of [b, c]
  });

  it('covers only inside coverage windows (a second tier with no weekend)', () => {
    const weekdaysOnly = rotation({
      pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '09:00' }], respondersPerShift: 1 },
      coverageWindows: [{ weekdays: [1, 2, 3, 4, 5], start: '00:00', end: '24:00' }],
    });
    expect(whoAt(weekdaysOnly, '2026-11-20T15:00:00Z')).toEqual(['alice']); // Friday
    expect(whoAt(weekdaysOnly, '2026-11-21T15:00:00Z')).toEqual([]); // Saturday
    const [friday] = new OnCallTimeline(weekdaysOnly, nobodyRestricted).at(at('2026-11-20T15:00:00Z'));
    expect(iso(friday.end)).toBe('2026-11-21T05:00:00.000Z'); // Saturday 00:00 EST
  });
});

describe('overrides and swaps', () => {
  const base = rotation({
    pattern: daily('09:00'),
    startDate: '2026-06-01',
    participants: [{ responderId: 'alice' }, { responderId: 'bob' }],
  });

  it('puts the covering responder on call for the span only, splitting the shift', () => {
    const schedule: RotationSchedule = {
      ...base,
      overrides: [
        {
          overrideId: 'o1',
          responderId: 'carol',
          replacesResponderId: 'alice',
          start: '2026-06-01T18:00:00Z',
          end: '2026-06-01T20:00:00Z',
          timeZone: 'UTC',
          createdBy: 'manager',
        },
      ],
    };
    const segments = new OnCallTimeline(schedule, nobodyRestricted).between(
      at('2026-06-01T13:00:00Z'),
      at('2026-06-02T13:00:00Z'),
    );
    expect(segments.map((s) => [s.responderId, iso(s.start), iso(s.end), s.reason.kind])).toEqual([
      ['alice', '2026-06-01T13:00:00.000Z', '2026-06-01T18:00:00.000Z', 'TURN'],
      ['carol', '2026-06-01T18:00:00.000Z', '2026-06-01T20:00:00.000Z', 'OVERRIDE'],
      ['alice', '2026-06-01T20:00:00.000Z', '2026-06-02T13:00:00.000Z', 'TURN'],
    ]);
  });

  it('trades two shifts between the responders named', () => {
    const schedule: RotationSchedule = {
      ...base,
      swaps: [
        {
          swapId: 's1',
          first: { shiftStart: '2026-06-01T13:00:00.000Z', responderId: 'alice' },
          second: { shiftStart: '2026-06-02T13:00:00.000Z', responderId: 'bob' },
          createdBy: 'alice',
        },
      ],
    };
    expect(whoAt(schedule, '2026-06-01T14:00:00Z')).toEqual(['bob']);
    expect(whoAt(schedule, '2026-06-02T14:00:00Z')).toEqual(['alice']);
    expect(whoAt(schedule, '2026-06-03T14:00:00Z')).toEqual(['alice']);
    const [segment] = new OnCallTimeline(schedule, nobodyRestricted).at(at('2026-06-01T14:00:00Z'));
    expect(segment.reason).toEqual({ kind: 'SWAP', swapId: 's1', swappedWith: 'alice', skipped: [] });
  });
});

describe('weekend slots', () => {
  const weekdays = rotation({
    pattern: daily('09:00'),
    startDate: '2026-06-01',
    coverageWindows: [{ weekdays: [1, 2, 3, 4, 5], start: '00:00', end: '24:00' }],
    participants: [{ responderId: 'alice' }, { responderId: 'bob' }],
    slots: [
      {
        roundId: 'r',
        slotId: 'sat',
        responderId: 'carol',
        start: '2026-06-06T04:00:00.000Z', // Saturday 00:00 New York
        end: '2026-06-06T12:00:00.000Z',
        how: 'AUTOMATIC',
      },
      {
        roundId: 'r',
        slotId: 'fri',
        responderId: 'dave',
        start: '2026-06-05T20:00:00.000Z', // Friday 16:00 New York, over alice's turn
        end: '2026-06-05T22:00:00.000Z',
        how: 'VOLUNTEER',
      },
    ],
  });

  it('adds coverage where no turn is, and replaces the turn where one is', () => {
    const segments = new OnCallTimeline(weekdays, nobodyRestricted).between(
      at('2026-06-05T19:00:00Z'),
      at('2026-06-06T13:00:00Z'),
    );
    expect(segments.map((s) => [s.responderId, iso(s.start), iso(s.end), s.reason])).toEqual([
      ['alice', '2026-06-05T13:00:00.000Z', '2026-06-05T20:00:00.000Z', { kind: 'TURN', skipped: [] }],
      [
        'dave',
        '2026-06-05T20:00:00.000Z',
        '2026-06-05T22:00:00.000Z',
        { kind: 'VOLUNTEER', roundId: 'r', slotId: 'fri', replaced: 'alice' },
      ],
      ['alice', '2026-06-05T22:00:00.000Z', '2026-06-06T04:00:00.000Z', { kind: 'TURN', skipped: [] }],
      [
        'carol',
        '2026-06-06T04:00:00.000Z',
        '2026-06-06T12:00:00.000Z',
        { kind: 'AUTOMATIC', roundId: 'r', slotId: 'sat' },
      ],
    ]);
  });

  it('hands a swapped slot to the other responder', () => {
    const swapped: RotationSchedule = {
      ...weekdays,
      swaps: [
        {
          swapId: 's',
          first: { shiftStart: '2026-06-06T04:00:00.000Z', responderId: 'carol' },
          second: { shiftStart: '2026-06-09T13:00:00.000Z', responderId: 'alice' },
          createdBy: 'carol',
        },
      ],
    };
    const [slot] = new OnCallTimeline(swapped, nobodyRestricted).at(at('2026-06-06T05:00:00Z'));
    expect([slot.responderId, slot.reason, slot.slot?.slotId]).toEqual([
      'alice',
      { kind: 'SWAP', swapId: 's', swappedWith: 'carol', skipped: [] },
      'sat',
    ]);
    expect(whoAt(swapped, '2026-06-09T14:00:00Z')).toEqual(['carol']);
  });
});
