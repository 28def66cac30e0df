import {
  createRotation,
  CREATE_ROTATION,
  REGISTER_RESPONDER,
  registerResponder,
} from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SHIFTS = `
  query Shifts($id: ID!, $from: DateTime!, $to: DateTime!) {
    rotation(id: $id) { shifts(from: $from, to: $to) { responder { handle } start end reason { kind } } }
  }`;
const OVERRIDE = `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`;

/** The time rules of the README, through the API: DST gaps and overlaps, P1W, windows across midnight. */
describe('time rules (over HTTP)', () => {
  let app: TestApp;
  let ana: string;
  let ben: string;

  beforeAll(async () => {
    app = await startTestApp();
    ana = await registerResponder(app, { handle: 'rules-ana' });
    ben = await registerResponder(app, { handle: 'rules-ben' });
  });

  afterAll(() => app.close());

  const shifts = async (id: string, from: string, to: string) =>
    (await app.ok(SHIFTS, { id, from, to })).rotation.shifts.map((s: any) => [s.responder.handle, s.start, s.end]);

  it('a handoff inside the spring-forward gap happens when the gap ends; one in the overlap at its first occurrence', async () => {
    const id = await createRotation(app, {
      name: 'Half past two',
      timeZone: 'America/New_York',
      startDate: '2026-03-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '02:30' }, { time: '01:30' }] },
      participantIds: [ana, ben],
    });
    const spring = await shifts(id, '2026-03-08T05:00:00Z', '2026-03-08T08:00:00Z');
    expect(spring.map((s: string[]) => s[1])).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST the day before, until 01:30
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT, the end of the gap
    ]);
    const autumn = await shifts(id, '2026-11-01T05:00:00Z', '2026-11-01T08:00:00Z');
    // 01:30 EDT, the first of the two 01:30s (05:30Z, not 06:30Z); 02:30 EST follows
    expect(autumn.map((s: string[]) => s[1]).slice(-2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T07:30:00.000Z',
    ]);
  });

  it('an override given in London during the autumn overlap starts at the first 01:30 (BST)', async () => {
    const id = await createRotation(app, {
      name: 'London nights',
      timeZone: 'Europe/London',
      startDate: '2026-10-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana],
    });
    await app.ok(OVERRIDE, {
      input: {
        rotationId: id,
        responderId: ben,
        start: '2026-10-25T01:30',
        end: '2026-10-25T03:00',
        timeZone: 'Europe/London',
      },
    });
    const covered = (
      await app.ok(SHIFTS, { id, from: '2026-10-25T00:00:00Z', to: '2026-10-25T04:00:00Z' })
    ).rotation.shifts.filter((s: any) => s.reason.kind === 'OVERRIDE');
    expect(covered.map((s: any) => [s.start, s.end])).toEqual([
      ['2026-10-25T00:30:00.000Z', '2026-10-25T03:00:00.000Z'],
    ]);
  });

  it('an override starting inside the Lord Howe 30-minute gap starts when the gap ends', async () => {
    const id = await createRotation(app, {
      name: 'Lord Howe',
      timeZone: 'Australia/Lord_Howe',
      startDate: '2026-09-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana],
    });
    await app.ok(OVERRIDE, {
      input: {
        rotationId: id,
        responderId: ben,
        start: '2026-10-04T02:10',
        end: '2026-10-04T04:00',
        timeZone: 'Australia/Lord_Howe',
      },
    });
    const covered = (
      await app.ok(SHIFTS, { id, from: '2026-10-03T12:00:00Z', to: '2026-10-03T20:00:00Z' })
    ).rotation.shifts.filter((s: any) => s.reason.kind === 'OVERRIDE');
    expect(covered.map((s: any) => [s.start, s.end])).toEqual([
      ['2026-10-03T15:30:00.000Z', '2026-10-03T17:00:00.000Z'],
    ]);
  });

  it('takes a shift length in weeks (P1W)', async () => {
    const id = await createRotation(app, {
      name: 'Weekly',
      timeZone: 'America/New_York',
      startDate: '2026-07-06',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '10:00' }], shiftDuration: 'P1W' },
      participantIds: [ana, ben],
    });
    expect(await shifts(id, '2026-07-06T14:00:00Z', '2026-07-20T14:00:00Z')).toEqual([
      ['rules-ana', '2026-07-06T14:00:00.000Z', '2026-07-13T14:00:00.000Z'],
      ['rules-ben', '2026-07-13T14:00:00.000Z', '2026-07-20T14:00:00.000Z'],
    ]);
  });

  it('lets a coverage window cross midnight (22:00-06:00)', async () => {
    const id = await createRotation(app, {
      name: 'Nights',
      timeZone: 'UTC',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }] },
      coverageWindows: [{ start: '22:00', end: '06:00' }],
      participantIds: [ana],
    });
    expect(await shifts(id, '2026-07-02T12:00:00Z', '2026-07-03T12:00:00Z')).toEqual([
      ['rules-ana', '2026-07-02T22:00:00.000Z', '2026-07-03T06:00:00.000Z'],
    ]);
  });

  it('refuses an empty window, and more responders per shift than participants, appending nothing', async () => {
    const before = await app.store.headPosition();
    const input = {
      name: 'Bad',
      team: 'support',
      timeZone: 'UTC',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }], respondersPerShift: 3 },
      participantIds: [ana, ben],
    };
    const tooMany = await app.gql(CREATE_ROTATION, { input });
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'pattern.respondersPerShift' });
    const empty = await app.gql(CREATE_ROTATION, {
      input: {
        ...input,
        pattern: { ...input.pattern, respondersPerShift: 1 },
        driWindows: [{ start: '09:00', end: '09:00' }],
      },
    });
    expect(empty.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'driWindows.0.end' });
    const emptyHours = await app.gql(REGISTER_RESPONDER, {
      input: {
        name: 'Empty hours',
        handle: 'rules-empty-hours',
        timeZone: 'UTC',
        team: 'support',
        role: 'ENGINEER',
        workingHours: [{ start: '22:00', end: '22:00' }],
      },
    });
    expect(emptyHours.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'workingHours.0.end' });
    const months = await app.gql(CREATE_ROTATION, {
      input: { ...input, pattern: { ...input.pattern, respondersPerShift: 1, shiftDuration: 'P1M' } },
    });
    expect(months.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'pattern.shiftDuration' });
    const rolledOver = await app.gql(CREATE_ROTATION, { input: { ...input, startDate: '2026-02-30' } });
    expect(rolledOver.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'startDate' });
    const override = await app.gql(OVERRIDE, {
      input: { rotationId: ana, responderId: ben, start: '2026-02-30T10:00', end: '2026-03-01T10:00', timeZone: 'UTC' },
    });
    expect(override.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'start' });
    expect(await app.store.headPosition()).toBe(before);
  });
});
