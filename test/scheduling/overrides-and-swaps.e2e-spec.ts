import { CURRENT_ON_CALL, createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SCHEDULE_OVERRIDE = `
  mutation Override($input: ScheduleOverrideInput!) {
    scheduleOverride(input: $input) { id responder { handle } replaces { handle } start end timeZone createdBy { id } rotation { id overrides { nodes { id } } } }
  }`;

const SWAP = `
  mutation Swap($input: SwapShiftsInput!) {
    swapShifts(input: $input) { id first { shiftStart responder { handle } } second { shiftStart responder { handle } } createdBy { id } rotation { id swaps { nodes { id } } } }
  }`;

const HISTORY = `
  query History($id: ID!) { rotation(id: $id) { history { nodes { revision type actor { id } occurredAt data } } } }`;

describe('overrides and swaps (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-06-01T00:00:00Z');
    for (const handle of ['alice', 'bob', 'carol'])
      ids[handle] = await registerResponder(app, { handle, timeZone: 'Europe/Berlin' });
    ids.restricted = await registerResponder(app, { handle: 'restricted', onCallRestricted: true });
    rotationId = await createRotation(app, {
      name: 'Database weekly',
      team: 'database',
      timeZone: 'Europe/Berlin',
      startDate: '2026-06-01',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '10:00' }] },
      participantIds: [ids.alice, ids.bob, ids.restricted],
    });
  });

  afterAll(() => app.close());

  async function onCallAt(at: string) {
    const data = await app.ok(CURRENT_ON_CALL, { at, rotationIds: [rotationId] });
    return data.currentOnCall[0].onCall;
  }

  it('follows the turns, skipping a responder a local law keeps off on-call', async () => {
    expect((await onCallAt('2026-06-03T12:00:00Z'))[0].responder.handle).toBe('alice');
    expect((await onCallAt('2026-06-10T12:00:00Z'))[0].responder.handle).toBe('bob');
    const third = (await onCallAt('2026-06-17T12:00:00Z'))[0];
    expect(third.responder.handle).toBe('alice');
    expect(third.reason.skipped).toEqual([{ responder: { handle: 'restricted' }, why: 'RESTRICTED' }]);
  });

  it('puts the covering responder on call for a span given in a chosen time zone', async () => {
    const manager = await app.as('manager', 'manager-mona');
    const data = await manager.ok(SCHEDULE_OVERRIDE, {
      input: {
        rotationId,
        responderId: ids.carol,
        replacesResponderId: ids.alice,
        start: '2026-06-03T09:00',
        end: '2026-06-03T17:00',
        timeZone: 'America/New_York',
        note: 'Alice at the dentist',
      },
    });
    expect(data.scheduleOverride).toEqual({
      id: expect.any(String),
      responder: { handle: 'carol' },
      replaces: { handle: 'alice' },
      start: '2026-06-03T13:00:00.000Z',
      end: '2026-06-03T21:00:00.000Z',
      timeZone: 'America/New_York',
      createdBy: { id: 'manager-mona' },
      rotation: { id: rotationId, overrides: { nodes: [{ id: data.scheduleOverride.id }] } },
    });
    const [during] = await onCallAt('2026-06-03T15:00:00Z');
    expect(during).toMatchObject({
      responder: { handle: 'carol' },
      start: '2026-06-03T13:00:00.000Z',
      end: '2026-06-03T21:00:00.000Z',
      reason: { kind: 'OVERRIDE', actor: { id: 'manager-mona' }, replaced: { handle: 'alice' } },
    });
    const [after] = await onCallAt('2026-06-03T21:00:00Z');
    expect(after.responder.handle).toBe('alice');
    expect(after.reason.kind).toBe('TURN');
  });

  it('trades two shifts, and refuses a swap of a shift the responder does not hold', async () => {
    const bob = await app.as('responder', ids.bob);
    const refused = await bob.gql(SWAP, {
      input: {
        rotationId,
        first: { shiftStart: '2026-06-08T10:00', timeZone: 'Europe/Berlin', responderId: ids.carol },
        second: { shiftStart: '2026-06-15T10:00', timeZone: 'Europe/Berlin', responderId: ids.alice },
      },
    });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    const invalid = await bob.gql(SWAP, {
      input: {
        rotationId,
        first: { shiftStart: '2026-06-08T10:00', timeZone: 'Europe/Berlin', responderId: ids.alice },
        second: { shiftStart: '2026-06-15T10:00', timeZone: 'Europe/Berlin', responderId: ids.bob },
      },
    });
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first.responderId' });

    const notAShiftStart = await bob.gql(SWAP, {
      input: {
        rotationId,
        first: { shiftStart: '2026-06-08T08:00', timeZone: 'Europe/Berlin', responderId: ids.bob },
        second: { shiftStart: '2026-06-15T10:00', timeZone: 'Europe/Berlin', responderId: ids.alice },
      },
    });
    expect(notAShiftStart.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first.shiftStart' });
    const badZone = await bob.gql(SWAP, {
      input: {
        rotationId,
        first: { shiftStart: '2026-06-08T10:00', timeZone: 'Mars/Olympus', responderId: ids.bob },
        second: { shiftStart: '2026-06-15T10:00', timeZone: 'Europe/Berlin', responderId: ids.alice },
      },
    });
    expect(badZone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first.timeZone' });

    const data = await bob.ok(SWAP, {
      input: {
        rotationId,
        first: { shiftStart: '2026-06-08T10:00', timeZone: 'Europe/Berlin', responderId: ids.bob },
        second: { shiftStart: '2026-06-15T10:00', timeZone: 'Europe/Berlin', responderId: ids.alice },
      },
    });
    expect(data.swapShifts).toMatchObject({
      first: { shiftStart: '2026-06-08T08:00:00.000Z', responder: { handle: 'bob' } },
      second: { shiftStart: '2026-06-15T08:00:00.000Z', responder: { handle: 'alice' } },
      createdBy: { id: ids.bob },
      rotation: { id: rotationId, swaps: { nodes: [{ id: data.swapShifts.id }] } },
    });
    const [week2] = await onCallAt('2026-06-10T12:00:00Z');
    expect(week2).toMatchObject({
      responder: { handle: 'alice' },
      reason: { kind: 'SWAP', actor: { id: ids.bob }, swappedWith: { handle: 'bob' } },
    });
    const [week3] = await onCallAt('2026-06-17T12:00:00Z');
    expect(week3).toMatchObject({
      responder: { handle: 'bob' },
      reason: { kind: 'SWAP', swappedWith: { handle: 'alice' } },
    });
  });

  it('shows overrides and swaps in the rotation history, each with its actor', async () => {
    const data = await app.ok(HISTORY, { id: rotationId });
    expect(data.rotation.history.nodes.map((h: any) => [h.type, h.actor.id])).toEqual([
      ['RotationCreated', 'test-admin'],
      ['OverrideScheduled', 'manager-mona'],
      ['ShiftsSwapped', ids.bob],
    ]);
    expect(JSON.parse(data.rotation.history.nodes[1].data)).toMatchObject({
      responderId: ids.carol,
      note: 'Alice at the dentist',
    });
  });

  it('lists a responder’s own shifts across rotations, overrides included', async () => {
    const query = `query($id: ID!) { responder(id: $id) { shifts(from: "2026-06-01T00:00:00Z", to: "2026-06-08T00:00:00Z") { start end reason { kind } } } }`;
    const data = await app.ok(query, { id: ids.carol });
    expect(data.responder.shifts).toEqual([
      { start: '2026-06-03T13:00:00.000Z', end: '2026-06-03T21:00:00.000Z', reason: { kind: 'OVERRIDE' } },
    ]);
  });

  it('lets a participant leave from a future date and another join', async () => {
    const change = `mutation($input: RotationMembershipInput!) { %s(input: $input) { rotation { participants { responder { handle } from until } } } }`;
    await app.ok(change.replace('%s', 'removeRotationParticipant'), {
      input: { rotationId, responderId: ids.bob, from: '2026-07-01T00:00:00Z' },
    });
    const added = await app.ok(change.replace('%s', 'addRotationParticipant'), {
      input: { rotationId, responderId: ids.carol, from: '2026-07-01T00:00:00Z' },
    });
    expect(added.addRotationParticipant.rotation.participants).toEqual([
      { responder: { handle: 'alice' }, from: null, until: null },
      { responder: { handle: 'bob' }, from: null, until: '2026-07-01T00:00:00.000Z' },
      { responder: { handle: 'restricted' }, from: null, until: null },
      { responder: { handle: 'carol' }, from: '2026-07-01T00:00:00.000Z', until: null },
    ]);
    const july = await app.ok(
      `query($id: ID!) { rotation(id: $id) { shifts(from: "2026-07-06T08:00:00Z", to: "2026-07-27T08:00:00Z") { responder { handle } } } }`,
      { id: rotationId },
    );
    expect(july.rotation.shifts.map((s: any) => s.responder.handle)).not.toContain('bob');
    expect(july.rotation.shifts.map((s: any) => s.responder.handle)).toContain('carol');
  });
  it('swaps two shifts named by their shiftId from shifts, and wants exactly one way of naming each', async () => {
    const SHIFTS = `query($id: ID!) { rotation(id: $id) {
      shifts(from: "2026-08-03T08:00:00Z", to: "2026-08-17T08:00:00Z") { shiftId shiftStart responder { id handle } } } }`;
    const before = (await app.ok(SHIFTS, { id: rotationId })).rotation.shifts;
    expect(before).toHaveLength(2);
    const [one, two] = before;
    expect(one.shiftId).toEqual(expect.any(String));
    expect((await app.ok(SHIFTS, { id: rotationId })).rotation.shifts[0].shiftId).toBe(one.shiftId);
    expect(one.responder.id).not.toBe(two.responder.id);

    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ shiftId: one.shiftId, shiftStart: '2026-08-03T10:00', timeZone: 'Europe/Berlin' }, 'first.shiftId'],
      [{}, 'first.shiftStart'],
      [{ shiftStart: '2026-08-03T10:00' }, 'first.timeZone'],
      [{ shiftId: 'shift_bm90LWEtc2hpZnQ' }, 'first.shiftId'],
    ];
    for (const [naming, field] of refusals) {
      const refused = await app.gql(SWAP, {
        input: {
          rotationId,
          first: { ...naming, responderId: one.responder.id },
          second: { shiftId: two.shiftId, responderId: two.responder.id },
        },
      });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }

    const swapped = await app.ok(SWAP, {
      input: {
        rotationId,
        first: { shiftId: one.shiftId, responderId: one.responder.id },
        second: { shiftId: two.shiftId, responderId: two.responder.id },
      },
    });
    expect(swapped.swapShifts).toMatchObject({
      first: { shiftStart: one.shiftStart, responder: { handle: one.responder.handle } },
      second: { shiftStart: two.shiftStart, responder: { handle: two.responder.handle } },
    });
    const after = (await app.ok(SHIFTS, { id: rotationId })).rotation.shifts;
    expect(after.map((s: any) => [s.shiftId, s.responder.handle])).toEqual([
      [one.shiftId, two.responder.handle],
      [two.shiftId, one.responder.handle],
    ]);
  });
});
