import { CURRENT_ON_CALL, createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { SLOT_ROUND, VOLUNTEER, publishSlots } from '../support/slot-round.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const Q3 = { from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };

/**
 * A seeded quarter (2026-Q3), computed by hand. "Platform" (UTC) hands over every Monday 09:00 for
 * a week; turns from Monday 29 June: ana, ben, cat, ana, … Clipped to Q3:
 *   ana: 1 Jul 00:00 → 6 Jul 09:00 (129 h) + 4 weeks (672 h) = 801 h
 *   ben: 4 weeks (672 h) + 28 Sep 09:00 → 1 Oct 00:00 (63 h) = 735 h
 *   cat: 4 weeks = 672 h                                          (801 + 735 + 672 = 92 days × 24 h)
 * Working hours: ana UTC Mon-Fri 09-17: 3 days of the first week (24 h) + 4 × 40 h = 184 h;
 * ben New York Mon-Fri 09-17 (13-21 UTC in summer): 4 × 40 h + Mon-Wed of the last week (24 h) = 184 h;
 * cat has none, so all her hours are off hours.
 * Then: dan (not a participant) covers ana on Wed 22 July 10-14 UTC: ana -4 h working, dan +4 h.
 * The weekend of 15-16 August (ana's week) has four 12-hour slots; cat volunteers Sat 00-12, ben
 * Sun 12-24. At the deadline (14 Aug 12:00 UTC), twelve months back: ana 168+168+99-4 = 431 h,
 * ben 336 h, cat 336 h. Sat 12-24: ana has no slot this quarter -> ana. Sun 00-12: all have one;
 * ben and cat tie at 336 h; ben never had a slot before it -> ben. The slots take 36 off-hours from
 * ana's turn (Sat 00-12 to cat, Sun to ben; Sat 12-24 stays hers):
 *   ana 761 h (180 working, 581 off), ben 759 h (184, 575), cat 684 h (0, 684), dan 4 h (0, 4).
 */
describe('on-call figures for a seeded quarter (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  let roundId: string;
  const ids: Record<string, string> = {};
  let cancelledOverrideId: string;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-01T00:00:00Z');
    ids.ana = await registerResponder(app, {
      handle: 'ana',
      name: 'Ana',
      timeZone: 'UTC',
      workingHours: [{ weekdays: WEEKDAYS, start: '09:00', end: '17:00' }],
    });
    ids.ben = await registerResponder(app, {
      handle: 'ben',
      name: 'Ben',
      timeZone: 'America/New_York',
      workingHours: [{ weekdays: WEEKDAYS, start: '09:00', end: '17:00' }],
    });
    ids.cat = await registerResponder(app, { handle: 'cat', name: 'Cat', timeZone: 'Europe/Berlin' });
    ids.dan = await registerResponder(app, { handle: 'dan', name: 'Dan', timeZone: 'UTC' });
    rotationId = await createRotation(app, {
      name: 'Platform',
      timeZone: 'UTC',
      startDate: '2026-06-29',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
      participantIds: [ids.ana, ids.ben, ids.cat],
    });
    const override = `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`;
    await app.ok(override, {
      input: { rotationId, responderId: ids.dan, start: '2026-07-22T10:00', end: '2026-07-22T14:00', timeZone: 'UTC' },
    });
    const cancelled = await app.ok(override, {
      input: { rotationId, responderId: ids.cat, start: '2026-07-08T10:00', end: '2026-07-08T12:00', timeZone: 'UTC' },
    });
    cancelledOverrideId = cancelled.scheduleOverride.id;
    const round = await publishSlots(app, {
      rotationId,
      title: 'Weekend of 15 August',
      timeZone: 'UTC',
      slots: [
        ['2026-08-15T00:00', '2026-08-15T12:00'],
        ['2026-08-15T12:00', '2026-08-16T00:00'],
        ['2026-08-16T00:00', '2026-08-16T12:00'],
        ['2026-08-16T12:00', '2026-08-17T00:00'],
      ],
      deadline: '2026-08-14T12:00',
    });
    roundId = round.id;
    await app.ok(VOLUNTEER, { input: { roundId, slotId: round.slots[0].id, responderId: ids.cat } });
    await app.ok(VOLUNTEER, { input: { roundId, slotId: round.slots[3].id, responderId: ids.ben } });
    await app.advanceClock('2026-07-09T00:00:00Z');
    await app.ok(`mutation($r: ID!, $o: ID!) { cancelOverride(rotationId: $r, overrideId: $o) { id } }`, {
      r: rotationId,
      o: cancelledOverrideId,
    });
    await app.advanceClock('2026-08-14T12:00:00Z');
    await app.advanceClock('2026-10-05T00:00:00Z');
  });

  afterAll(() => app.close());

  it('fills the weekend as computed by hand', async () => {
    const { slotRound } = await app.ok(SLOT_ROUND, { id: roundId });
    expect(slotRound.slots.map((s: any) => [s.assignee.handle, s.how])).toEqual([
      ['cat', 'VOLUNTEER'],
      ['ana', 'AUTOMATIC'],
      ['ben', 'AUTOMATIC'],
      ['ben', 'VOLUNTEER'],
    ]);
    expect(
      slotRound.slots[2].explanation.candidates.map((c: any) => [
        c.responder.handle,
        c.rank,
        c.weekendSlotsThisQuarter,
        c.onCallHoursLast12Months,
        c.lastSlotEnd,
      ]),
    ).toEqual([
      ['ben', 1, 1, 336, null],
      ['cat', 2, 1, 336, '2026-08-15T12:00:00.000Z'],
      ['ana', 3, 1, 431, '2026-08-16T00:00:00.000Z'],
    ]);
  });

  it('gives on-call hours per responder, split into working and off hours', async () => {
    const data = await app.ok(
      `query($from: DateTime!, $to: DateTime!) { onCallHours(from: $from, to: $to) { responder { handle } totalHours workingHours offHours } }`,
      Q3,
    );
    expect(data.onCallHours.map((r: any) => [r.responder.handle, r.totalHours, r.workingHours, r.offHours])).toEqual([
      ['ana', 761, 180, 581],
      ['ben', 759, 184, 575],
      ['cat', 684, 0, 684],
      ['dan', 4, 0, 4],
    ]);
  });

  it('answers partial days and a single team', async () => {
    const data = await app.ok(
      `query($from: DateTime!, $to: DateTime!) { onCallHours(from: $from, to: $to, team: "support") { responder { handle } totalHours workingHours offHours } }`,
      { from: '2026-07-22T08:30:00Z', to: '2026-07-22T12:00:00Z' },
    );
    // ana's week: 08:30-10:00 (1.5 h, 09:00-10:00 working), then dan 10:00-12:00.
    expect(data.onCallHours.map((r: any) => [r.responder.handle, r.totalHours, r.workingHours, r.offHours])).toEqual([
      ['dan', 2, 0, 2],
      ['ana', 1.5, 1, 0.5],
      ['ben', 0, 0, 0],
      ['cat', 0, 0, 0],
    ]);
  });

  it('gives the load balance of the rotation, with who is above a threshold', async () => {
    const query = `query($id: ID!, $from: DateTime!, $to: DateTime!, $threshold: Float) {
      rotationLoad(rotationId: $id, from: $from, to: $to, thresholdHours: $threshold) {
        participants { responder { handle } hours } mostLoaded { responder { handle } hours }
        leastLoaded { responder { handle } hours } spreadHours meanHours thresholdHours aboveThreshold { responder { handle } }
      } }`;
    const data = await app.ok(query, { id: rotationId, ...Q3, threshold: 750 });
    expect(data.rotationLoad).toEqual({
      participants: [
        { responder: { handle: 'ana' }, hours: 761 },
        { responder: { handle: 'ben' }, hours: 759 },
        { responder: { handle: 'cat' }, hours: 684 },
      ],
      mostLoaded: { responder: { handle: 'ana' }, hours: 761 },
      leastLoaded: { responder: { handle: 'cat' }, hours: 684 },
      spreadHours: 77,
      meanHours: 734.67,
      thresholdHours: 750,
      aboveThreshold: [{ responder: { handle: 'ana' } }, { responder: { handle: 'ben' } }],
    });
    const byDefault = await app.ok(query, { id: rotationId, ...Q3 });
    expect(byDefault.rotationLoad).toMatchObject({ thresholdHours: 918.34, aboveThreshold: [] });
  });

  it('counts weekend slots per responder for the quarter, and writes the thank-you', async () => {
    const data = await app.ok(`{
      q3: weekendSlots(quarter: "2026-Q3") { responder { handle } count slots { start end rotation { name } } }
      q2: weekendSlots(quarter: "2026-Q2") { count }
      thanks: weekendThankYou(quarter: "2026-Q3") { quarter people { responder { handle } count } markdown }
    }`);
    expect(data.q3.map((r: any) => [r.responder.handle, r.count])).toEqual([
      ['ben', 2],
      ['ana', 1],
      ['cat', 1],
    ]);
    expect(data.q3[0].slots[0]).toEqual({
      start: '2026-08-16T00:00:00.000Z',
      end: '2026-08-16T12:00:00.000Z',
      rotation: { name: 'Platform' },
    });
    expect(data.q2).toEqual([]);
    expect(data.thanks.people.map((p: any) => p.count)).toEqual([2, 1, 1]);
    expect(data.thanks.markdown).toBe(
      [
        '### Thank you for covering weekends in 2026-Q3',
        '',
        'These people kept weekend on-call covered in 2026-Q3:',
        '',
        '- @ben (Ben): 2 slots',
        '- @ana (Ana): 1 slot',
        '- @cat (Cat): 1 slot',
        '',
        '3 people took 4 weekend slots (48 hours on call). Thank you all!',
        '',
      ].join('\n'),
    );
    const bad = await app.gql(`{ weekendSlots(quarter: "2026-5") { count } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarter' });
  });

  it('tells who was on call at a past instant, and why, from the schedule as recorded then', async () => {
    const recorded = `query($at: DateTime!, $ids: [ID!]) { onCallAsRecorded(at: $at, rotationIds: $ids) {
      rotation { name } onCall { responder { handle } reason { kind actor { id } replaced { handle } slotRoundId } } } }`;
    const asRecorded = async (at: string) =>
      (await app.ok(recorded, { at, ids: [rotationId] })).onCallAsRecorded[0].onCall[0];
    // The override of 8 July was cancelled afterwards: today's schedule shows ben's turn,
    // the schedule as it stood on 8 July shows cat covering.
    const now = await app.ok(CURRENT_ON_CALL, { at: '2026-07-08T11:00:00Z', rotationIds: [rotationId] });
    expect(now.currentOnCall[0].onCall[0]).toMatchObject({ responder: { handle: 'ben' }, reason: { kind: 'TURN' } });
    expect(await asRecorded('2026-07-08T11:00:00Z')).toMatchObject({
      responder: { handle: 'cat' },
      reason: { kind: 'OVERRIDE', actor: { id: 'test-admin' }, replaced: { handle: 'ben' } },
    });
    expect(await asRecorded('2026-07-22T11:00:00Z')).toMatchObject({
      responder: { handle: 'dan' },
      reason: { kind: 'OVERRIDE' },
    });
    expect(await asRecorded('2026-07-22T15:00:00Z')).toMatchObject({
      responder: { handle: 'ana' },
      reason: { kind: 'TURN' },
    });
    expect(await asRecorded('2026-08-15T01:00:00Z')).toMatchObject({
      responder: { handle: 'cat' },
      reason: { kind: 'VOLUNTEER', slotRoundId: roundId, replaced: { handle: 'ana' } },
    });
    expect(await asRecorded('2026-08-16T01:00:00Z')).toMatchObject({
      responder: { handle: 'ben' },
      reason: { kind: 'AUTOMATIC' },
    });
    const before = await app.ok(recorded, { at: '2026-06-01T00:00:00Z', ids: [rotationId] });
    expect(before.onCallAsRecorded).toEqual([]);
  });
});
