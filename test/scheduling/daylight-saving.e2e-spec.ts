import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SHIFTS = `
  query Shifts($id: ID!, $from: DateTime!, $to: DateTime!) {
    rotation(id: $id) { shifts(from: $from, to: $to) { responder { handle } start end } }
  }`;

describe('daylight saving (over HTTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app.close());

  it('keeps a 12:00 America/New_York handoff at 12:00 New York time on both sides of each change', async () => {
    const alice = await registerResponder(app, { handle: 'dst-alice' });
    const bob = await registerResponder(app, { handle: 'dst-bob' });
    const id = await createRotation(app, {
      name: 'Noon handoff',
      timeZone: 'America/New_York',
      startDate: '2026-03-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }] },
      participantIds: [alice, bob],
    });
    const spring = await app.ok(SHIFTS, { id, from: '2026-03-07T12:00:00Z', to: '2026-03-09T12:00:00Z' });
    expect(spring.rotation.shifts.map((s: any) => [s.start, s.end])).toEqual([
      ['2026-03-06T17:00:00.000Z', '2026-03-07T17:00:00.000Z'],
      ['2026-03-07T17:00:00.000Z', '2026-03-08T16:00:00.000Z'], // 23 hours: clocks spring forward
      ['2026-03-08T16:00:00.000Z', '2026-03-09T16:00:00.000Z'],
    ]);
    const autumn = await app.ok(SHIFTS, { id, from: '2026-10-31T17:00:00Z', to: '2026-11-02T12:00:00Z' });
    expect(autumn.rotation.shifts.map((s: any) => [s.start, s.end])).toEqual([
      ['2026-10-31T16:00:00.000Z', '2026-11-01T17:00:00.000Z'], // 25 hours: clocks fall back
      ['2026-11-01T17:00:00.000Z', '2026-11-02T17:00:00.000Z'],
    ]);
  });

  it('runs the US Government three 8-hour shifts at 05, 13 and 21 Pacific every day of the week', async () => {
    const ids = [];
    for (const handle of ['gov-1', 'gov-2', 'gov-3'])
      ids.push(await registerResponder(app, { handle, timeZone: 'America/Los_Angeles' }));
    const id = await createRotation(app, {
      name: 'US Government',
      timeZone: 'America/Los_Angeles',
      startDate: '2026-03-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '05:00' }, { time: '13:00' }, { time: '21:00' }] },
      participantIds: ids,
    });
    const data = await app.ok(SHIFTS, { id, from: '2026-03-07T13:00:00Z', to: '2026-03-08T20:00:00Z' });
    expect(data.rotation.shifts.map((s: any) => [s.responder.handle, s.start, s.end])).toEqual([
      ['gov-1', '2026-03-07T13:00:00.000Z', '2026-03-07T21:00:00.000Z'], // 05-13 PST
      ['gov-2', '2026-03-07T21:00:00.000Z', '2026-03-08T05:00:00.000Z'], // 13-21 PST
      ['gov-3', '2026-03-08T05:00:00.000Z', '2026-03-08T12:00:00.000Z'], // 21 PST-05 PDT: 7 hours
      ['gov-1', '2026-03-08T12:00:00.000Z', '2026-03-08T20:00:00.000Z'], // 05-13 PDT
    ]);
  });
});
