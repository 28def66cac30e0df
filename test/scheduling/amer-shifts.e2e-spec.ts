import { CURRENT_ON_CALL, createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The AMER customer-emergency schedule from the domain notes: three overlapping 6-hour shifts
 * fixed in New York time (12-18, 13-19, 14-20), with DRI windows 12:00-14:30, 14:30-17:30 and
 * 17:30-20:00. In summer (EDT) that is 16-22, 17-23, 18-24 UTC; in winter an hour later.
 */
describe('AMER 1/2/3 overlapping shifts with a DRI per window (over HTTP)', () => {
  let app: TestApp;
  const handles: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const shifts = [
      { name: 'AMER 1', handoff: '12:00', dri: ['12:00', '14:30'], handle: 'amer1' },
      { name: 'AMER 2', handoff: '13:00', dri: ['14:30', '17:30'], handle: 'amer2' },
      { name: 'AMER 3', handoff: '14:00', dri: ['17:30', '20:00'], handle: 'amer3' },
    ];
    for (const shift of shifts) {
      const responderId = await registerResponder(app, { handle: shift.handle });
      handles[responderId] = shift.handle;
      await createRotation(app, {
        name: shift.name,
        timeZone: 'America/New_York',
        startDate: '2026-01-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: shift.handoff }], shiftDuration: 'PT6H' },
        driWindows: [{ start: shift.dri[0], end: shift.dri[1] }],
        participantIds: [responderId],
      });
    }
  });

  afterAll(() => app.close());

  async function snapshot(at: string) {
    const data = await app.ok(CURRENT_ON_CALL, { at });
    const entries = data.currentOnCall as Array<{ rotation: { name: string }; onCall: any[]; dri: any }>;
    const byName = [...entries].sort((a, b) => a.rotation.name.localeCompare(b.rotation.name));
    return {
      onCall: byName.flatMap((e) => e.onCall.map((s) => s.responder.handle)),
      dri: byName.filter((e) => e.dri).map((e) => e.dri.responder.handle),
    };
  }

  it.each([
    ['2026-07-15T15:59:00Z', [], []],
    ['2026-07-15T16:00:00Z', ['amer1'], ['amer1']],
    ['2026-07-15T17:00:00Z', ['amer1', 'amer2'], ['amer1']],
    ['2026-07-15T18:00:00Z', ['amer1', 'amer2', 'amer3'], ['amer1']],
    ['2026-07-15T18:30:00Z', ['amer1', 'amer2', 'amer3'], ['amer2']],
    ['2026-07-15T21:30:00Z', ['amer1', 'amer2', 'amer3'], ['amer3']],
    ['2026-07-15T22:00:00Z', ['amer2', 'amer3'], ['amer3']],
    ['2026-07-15T23:00:00Z', ['amer3'], ['amer3']],
    ['2026-07-16T00:00:00Z', [], []],
  ])('summer (EDT) at %s: on call %j, DRI %j', async (at, onCall, dri) => {
    expect(await snapshot(at)).toEqual({ onCall, dri });
  });

  it.each([
    ['2026-01-15T16:59:00Z', [], []],
    ['2026-01-15T17:00:00Z', ['amer1'], ['amer1']],
    ['2026-01-15T18:00:00Z', ['amer1', 'amer2'], ['amer1']],
    ['2026-01-15T19:00:00Z', ['amer1', 'amer2', 'amer3'], ['amer1']],
    ['2026-01-15T19:30:00Z', ['amer1', 'amer2', 'amer3'], ['amer2']],
    ['2026-01-15T22:30:00Z', ['amer1', 'amer2', 'amer3'], ['amer3']],
    ['2026-01-15T23:00:00Z', ['amer2', 'amer3'], ['amer3']],
    ['2026-01-16T00:00:00Z', ['amer3'], ['amer3']],
    ['2026-01-16T01:00:00Z', [], []],
  ])('winter (EST) at %s: on call %j, DRI %j', async (at, onCall, dri) => {
    expect(await snapshot(at)).toEqual({ onCall, dri });
  });

  it('gives each shift its start and end, and the reason', async () => {
    const data = await app.ok(CURRENT_ON_CALL, { at: '2026-07-15T18:45:00Z' });
    const amer2 = data.currentOnCall.find((e: any) => e.rotation.name === 'AMER 2');
    expect(amer2.onCall).toEqual([
      expect.objectContaining({
        start: '2026-07-15T17:00:00.000Z',
        end: '2026-07-15T23:00:00.000Z',
        isDri: true,
        reason: expect.objectContaining({ kind: 'TURN', skipped: [] }),
      }),
    ]);
  });

  it('answers for now when no instant is given, using the injected clock', async () => {
    app.clock.set('2026-07-15T16:30:00Z');
    const data = await app.ok(CURRENT_ON_CALL, {});
    const onCall = data.currentOnCall.flatMap((e: any) => e.onCall.map((s: any) => s.responder.handle));
    expect(onCall).toEqual(['amer1']);
    expect(data.currentOnCall[0].at).toBe('2026-07-15T16:30:00.000Z');
  });
});
