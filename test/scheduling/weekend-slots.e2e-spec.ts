import { CURRENT_ON_CALL, createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { SLOT_ROUND, VOLUNTEER, WITHDRAW, publishSlots, type PublishedRound } from '../support/slot-round.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ZONE = 'Europe/Amsterdam'; // UTC+2 in summer

/**
 * A weekend of six 8-hour slots with two volunteers and one restricted responder. Hand-computed
 * figures at the deadline (2026-07-17 12:00 Amsterdam), twelve months back:
 *   ana 0 h, ben 50 h, cara 30 h (overrides in May);
 *   dan 10 h + 8 h (his volunteered slot on 6 June, Q2), eve 10 h + 8 h (her slot on 4 July, Q3);
 *   Q3 weekend slots before the round: eve 1. fay is restricted by local law.
 * Volunteers: ana Sat 16-24, ben Sun 08-16 (both now have 1 slot in Q3). Open slots, earliest first:
 *   Sat 00-08: cara and dan have 0 slots; dan has fewer hours      -> dan
 *   Sat 08-16: cara alone has 0 slots                               -> cara
 *   Sun 00-08: everyone has 1 slot; ana has the fewest hours        -> ana
 *   Sun 16-24: ana has 2 (ranked last); dan and eve tie at 1 slot and 18 h; eve's last slot
 *              (4 July) is older than dan's (Sat 08:00)             -> eve
 */
describe('weekend slots: volunteers first, then fair automatic assignment (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  let round: PublishedRound;
  const ids: Record<string, string> = {};
  const slot = (i: number) => round.slots[i].id;

  async function seedPastSlot(handle: string, day: string, deadline: string, advanceTo: string) {
    const past = await publishSlots(app, {
      rotationId,
      title: `Weekend of ${day}`,
      timeZone: ZONE,
      slots: [[`${day}T00:00`, `${day}T08:00`]],
      deadline,
    });
    const client = await app.as('responder', ids[handle]);
    await client.ok(VOLUNTEER, { input: { roundId: past.id, slotId: past.slots[0].id, responderId: ids[handle] } });
    await app.advanceClock(advanceTo);
  }

  async function override(handle: string, start: string, end: string) {
    await app.ok(`mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`, {
      input: { rotationId, responderId: ids[handle], start, end, timeZone: 'UTC' },
    });
  }

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-06-01T08:00:00Z');
    for (const handle of ['ana', 'ben', 'cara', 'dan', 'eve'])
      ids[handle] = await registerResponder(app, { handle, timeZone: ZONE, team: 'dev' });
    ids.fay = await registerResponder(app, { handle: 'fay', timeZone: ZONE, team: 'dev', onCallRestricted: true });
    rotationId = await createRotation(app, {
      name: 'Development escalation',
      team: 'dev',
      timeZone: ZONE,
      startDate: '2026-09-07',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
      coverageWindows: [
        { weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], start: '00:00', end: '24:00' },
      ],
      participantIds: ['ana', 'ben', 'cara', 'dan', 'eve', 'fay'].map((h) => ids[h]),
    });
    await override('cara', '2026-05-04T00:00', '2026-05-05T06:00');
    await override('dan', '2026-05-11T00:00', '2026-05-11T10:00');
    await override('eve', '2026-05-12T00:00', '2026-05-12T10:00');
    await override('ben', '2026-05-13T00:00', '2026-05-15T02:00');
    await seedPastSlot('dan', '2026-06-06', '2026-06-05T12:00', '2026-06-05T10:00:00Z');
    await seedPastSlot('eve', '2026-07-04', '2026-07-03T12:00', '2026-07-03T10:00:00Z');
    app.clock.set('2026-07-06T08:00:00Z');
    round = await publishSlots(await app.as('manager', 'manager-mia'), {
      rotationId,
      title: 'Weekend of 18 July',
      timeZone: ZONE,
      slots: [
        ['2026-07-18T00:00', '2026-07-18T08:00'],
        ['2026-07-18T08:00', '2026-07-18T16:00'],
        ['2026-07-18T16:00', '2026-07-19T00:00'],
        ['2026-07-19T00:00', '2026-07-19T08:00'],
        ['2026-07-19T08:00', '2026-07-19T16:00'],
        ['2026-07-19T16:00', '2026-07-20T00:00'],
      ],
      deadline: '2026-07-17T12:00',
    });
  });

  afterAll(() => app.close());

  it('publishes the slots in the chosen zone, open until the deadline', async () => {
    expect(round.slots.map((s) => [s.start, s.end])).toEqual([
      ['2026-07-17T22:00:00.000Z', '2026-07-18T06:00:00.000Z'],
      ['2026-07-18T06:00:00.000Z', '2026-07-18T14:00:00.000Z'],
      ['2026-07-18T14:00:00.000Z', '2026-07-18T22:00:00.000Z'],
      ['2026-07-18T22:00:00.000Z', '2026-07-19T06:00:00.000Z'],
      ['2026-07-19T06:00:00.000Z', '2026-07-19T14:00:00.000Z'],
      ['2026-07-19T14:00:00.000Z', '2026-07-19T22:00:00.000Z'],
    ]);
    const data = await app.ok(SLOT_ROUND, { id: round.id });
    expect(data.slotRound).toMatchObject({
      volunteerDeadline: '2026-07-17T10:00:00.000Z',
      closed: false,
      publishedBy: { id: 'manager-mia' },
    });
  });

  it('takes one volunteer per slot, lets them withdraw, and refuses a restricted responder', async () => {
    const ana = await app.as('responder', ids.ana);
    const ben = await app.as('responder', ids.ben);
    const cara = await app.as('responder', ids.cara);
    const fay = await app.as('responder', ids.fay);
    await ana.ok(VOLUNTEER, { input: { roundId: round.id, slotId: slot(2), responderId: ids.ana } });
    const taken = await cara.gql(VOLUNTEER, { input: { roundId: round.id, slotId: slot(2), responderId: ids.cara } });
    expect(taken.errors?.[0].extensions.code).toBe('CONFLICT');
    const forSomeoneElse = await cara.gql(VOLUNTEER, {
      input: { roundId: round.id, slotId: slot(3), responderId: ids.dan },
    });
    expect(forSomeoneElse.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const restricted = await fay.gql(VOLUNTEER, {
      input: { roundId: round.id, slotId: slot(0), responderId: ids.fay },
    });
    expect(restricted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'responderId' });
    await cara.ok(VOLUNTEER, { input: { roundId: round.id, slotId: slot(4), responderId: ids.cara } });
    const withdrawn = await cara.ok(WITHDRAW, { input: { roundId: round.id, slotId: slot(4), responderId: ids.cara } });
    expect(withdrawn.withdrawFromSlot.slots[4].volunteer).toBeNull();
    const data = await ben.ok(VOLUNTEER, { input: { roundId: round.id, slotId: slot(4), responderId: ids.ben } });
    expect(data.volunteerForSlot.slots.map((s: any) => s.volunteer?.handle ?? null)).toEqual([
      null,
      null,
      'ana',
      null,
      'ben',
      null,
    ]);
  });

  it('assigns nothing before the deadline', async () => {
    await app.advanceClock('2026-07-17T09:59:00Z');
    const data = await app.ok(SLOT_ROUND, { id: round.id });
    expect(data.slotRound.closed).toBe(false);
    expect(data.slotRound.slots.every((s: any) => s.assignee === null)).toBe(true);
  });

  it('at the deadline confirms the volunteers and fills the other slots by the fairness rules', async () => {
    await app.advanceClock('2026-07-17T10:00:00Z');
    const { slotRound } = await app.ok(SLOT_ROUND, { id: round.id });
    expect(slotRound).toMatchObject({ closed: true, closedAt: '2026-07-17T10:00:00.000Z' });
    expect(slotRound.slots.map((s: any) => [s.assignee.handle, s.how])).toEqual([
      ['dan', 'AUTOMATIC'],
      ['cara', 'AUTOMATIC'],
      ['ana', 'VOLUNTEER'],
      ['ana', 'AUTOMATIC'],
      ['ben', 'VOLUNTEER'],
      ['eve', 'AUTOMATIC'],
    ]);
    const assigned = slotRound.slots.map((s: any) => s.assignee.handle);
    expect(assigned).not.toContain('fay');
  });

  it('records the candidates and the figures compared, so "why me?" has an answer', async () => {
    const { slotRound } = await app.ok(SLOT_ROUND, { id: round.id });
    const first = slotRound.slots[0].explanation;
    expect(first).toMatchObject({
      quarter: '2026-Q3',
      hoursFrom: '2025-07-17T10:00:00.000Z',
      hoursTo: '2026-07-17T10:00:00.000Z',
    });
    expect(
      first.candidates.map((c: any) => [
        c.responder.handle,
        c.rank,
        c.excluded,
        c.weekendSlotsThisQuarter,
        c.onCallHoursLast12Months,
      ]),
    ).toEqual([
      ['dan', 1, null, 0, 18],
      ['cara', 2, null, 0, 30],
      ['ana', 3, null, 1, 0],
      ['eve', 4, null, 1, 18],
      ['ben', 5, null, 1, 50],
      ['fay', null, 'RESTRICTED', 0, 0],
    ]);
    expect(first.candidates[0].lastSlotEnd).toBe('2026-06-06T06:00:00.000Z');
    const last = slotRound.slots[5].explanation.candidates;
    expect(last.slice(0, 2).map((c: any) => [c.responder.handle, c.weekendSlotsThisQuarter, c.lastSlotEnd])).toEqual([
      ['eve', 1, '2026-07-04T06:00:00.000Z'],
      ['dan', 1, '2026-07-18T06:00:00.000Z'],
    ]);
    expect(last.find((c: any) => c.responder.handle === 'ana')).toMatchObject({ weekendSlotsThisQuarter: 2, rank: 5 });
    expect(slotRound.slots[2].explanation).toBeNull();
  });

  it('puts the slots in the on-call read model with their reason', async () => {
    const at = async (instant: string) =>
      (await app.ok(CURRENT_ON_CALL, { at: instant, rotationIds: [rotationId] })).currentOnCall[0].onCall;
    expect(await at('2026-07-18T01:00:00Z')).toEqual([
      expect.objectContaining({
        responder: expect.objectContaining({ handle: 'dan' }),
        start: '2026-07-17T22:00:00.000Z',
        end: '2026-07-18T06:00:00.000Z',
        shiftStart: '2026-07-17T22:00:00.000Z',
        reason: expect.objectContaining({ kind: 'AUTOMATIC' }),
      }),
    ]);
    expect((await at('2026-07-18T15:00:00Z'))[0]).toMatchObject({
      responder: { handle: 'ana' },
      reason: { kind: 'VOLUNTEER' },
    });
    const why = await app.ok(
      `query($at: DateTime) { currentOnCall(at: $at) { onCall { reason { kind slotRoundId slot { assignee { handle } explanation { candidates { responder { handle } rank } } } } } } }`,
      { at: '2026-07-19T20:00:00Z' },
    );
    const reason = why.currentOnCall[0].onCall[0].reason;
    expect(reason).toMatchObject({ kind: 'AUTOMATIC', slotRoundId: round.id, slot: { assignee: { handle: 'eve' } } });
    expect(reason.slot.explanation.candidates[0]).toEqual({ responder: { handle: 'eve' }, rank: 1 });
    expect(await at('2026-07-20T01:00:00Z')).toEqual([]);
  });

  it('lets a responder swap an assigned slot with another slot through swapShifts', async () => {
    const ana = await app.as('responder', ids.ana);
    const swap = `mutation($input: SwapShiftsInput!) { swapShifts(input: $input) { id rotation { swaps { nodes { id } } } } }`;
    const wrongHolder = await ana.gql(swap, {
      input: {
        rotationId,
        first: { shiftStart: '2026-07-19T00:00', timeZone: ZONE, responderId: ids.ana },
        second: { shiftStart: '2026-07-18T08:00', timeZone: ZONE, responderId: ids.dan },
      },
    });
    expect(wrongHolder.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'second.responderId' });
    await ana.ok(swap, {
      input: {
        rotationId,
        first: { shiftStart: '2026-07-19T00:00', timeZone: ZONE, responderId: ids.ana },
        second: { shiftStart: '2026-07-18T08:00', timeZone: ZONE, responderId: ids.cara },
      },
    });
    const at = async (instant: string) =>
      (await app.ok(CURRENT_ON_CALL, { at: instant, rotationIds: [rotationId] })).currentOnCall[0].onCall[0];
    expect(await at('2026-07-19T01:00:00Z')).toMatchObject({
      responder: { handle: 'cara' },
      shiftStart: '2026-07-18T22:00:00.000Z',
      reason: { kind: 'SWAP', swappedWith: { handle: 'ana' }, actor: { id: ids.ana } },
    });
    expect(await at('2026-07-18T07:00:00Z')).toMatchObject({
      responder: { handle: 'ana' },
      reason: { kind: 'SWAP', swappedWith: { handle: 'cara' } },
    });
  });

  it('refuses volunteers after the deadline and rounds overlapping another round', async () => {
    const dan = await app.as('responder', ids.dan);
    const late = await dan.gql(VOLUNTEER, { input: { roundId: round.id, slotId: slot(0), responderId: ids.dan } });
    expect(late.errors?.[0].extensions.code).toBe('CONFLICT');
    const overlapping = await app.gql(
      `mutation($input: PublishSlotRoundInput!) { publishWeekendSlots(input: $input) { id } }`,
      {
        input: {
          rotationId,
          title: 'Again',
          timeZone: ZONE,
          slots: [{ start: '2026-07-19T04:00', end: '2026-07-19T10:00' }],
          volunteerDeadline: '2026-07-18T00:00',
        },
      },
    );
    expect(overlapping.errors?.[0].extensions.code).toBe('CONFLICT');
  });
});
