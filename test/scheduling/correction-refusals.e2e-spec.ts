import { ManualClock } from '@app/core';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const UPDATE_RESPONDER = `mutation($input: UpdateResponderInput!) { updateResponder(input: $input) { responder { handle } } }`;
const DEACTIVATE = `mutation($input: DeactivateResponderInput!) { deactivateResponder(input: $input) { responder { id } } }`;
const UPDATE_ROTATION = `mutation($input: UpdateRotationInput!) { updateRotation(input: $input) { rotation { id } } }`;
const CHANGE_PATTERN = `mutation($input: ChangeShiftPatternInput!) { changeShiftPattern(input: $input) { rotation { id } } }`;
const REMOVE = `mutation($input: RotationMembershipInput!) { removeRotationParticipant(input: $input) { rotation { id } } }`;

/** Corrections that cannot be made answer a clear error and append nothing; handles stay unique under races. */
describe('corrections refused (over HTTP)', () => {
  let app: TestApp;
  let solo: string;
  let other: string;
  let rotationId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: new ManualClock('2026-11-09T12:00:00Z') });
    solo = await registerResponder(app, { handle: 'solo', timeZone: 'Europe/Berlin' });
    other = await registerResponder(app, { handle: 'other', timeZone: 'Europe/Berlin' });
    rotationId = await createRotation(app, {
      name: 'Solo',
      timeZone: 'Europe/Berlin',
      startDate: '2026-11-02',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [solo],
    });
  });

  afterAll(() => app.close());

  async function refused(query: string, input: Record<string, unknown>) {
    const before = await app.store.headPosition();
    const response = await app.gql(query, { input });
    expect(await app.store.headPosition()).toBe(before);
    expect(response.errors).toHaveLength(1);
    return response.errors![0].extensions;
  }

  it('refuses to deactivate the only participant of a rotation, naming it', async () => {
    const before = await app.store.headPosition();
    const response = await app.gql(DEACTIVATE, { input: { responderId: solo, fromDate: '2026-11-20' } });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'responderId' });
    expect(response.errors?.[0].message).toContain('Solo');
    expect(await app.store.headPosition()).toBe(before);
  });

  it('refuses a deactivation date already past, and an unknown responder', async () => {
    expect(await refused(DEACTIVATE, { responderId: other, fromDate: '2026-11-01' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'fromDate',
    });
    expect(
      (await refused(DEACTIVATE, { responderId: '00000000-0000-4000-8000-000000000001', fromDate: '2026-12-01' })).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a zone without its date, two ways of naming a handoff, and a pattern at no handoff', async () => {
    expect(await refused(UPDATE_ROTATION, { rotationId, name: 'Renamed', timeZone: 'Europe/London' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'timeZoneFromDate',
    });
    const pattern = { cycle: 'DAILY', handoffs: [{ time: '10:00' }] };
    expect(
      await refused(CHANGE_PATTERN, {
        rotationId,
        pattern,
        fromDate: '2026-12-01',
        fromShiftStart: '2026-12-01T08:00:00Z',
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'fromShiftStart' });
    expect(await refused(CHANGE_PATTERN, { rotationId, pattern, fromShiftStart: '2026-12-01T09:00:00Z' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'fromShiftStart',
    });
    expect(await refused(CHANGE_PATTERN, { rotationId, pattern: { cycle: 'DAILY', handoffs: [] } })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'pattern.handoffs',
    });
    expect(
      await refused(REMOVE, { rotationId, responderId: solo, from: '2026-12-01T00:00:00Z', fromDate: '2026-12-01' }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'fromDate' });
    expect(await refused(UPDATE_RESPONDER, { responderId: other, timeZone: 'Mars/Olympus' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'timeZone',
    });
  });

  it('gives a handle to exactly one of 20 responders renamed to it at once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => registerResponder(app, { handle: `racer-${i}`, timeZone: 'UTC' })),
    );
    const answers = await Promise.all(
      ids.map((responderId) => app.gql(UPDATE_RESPONDER, { input: { responderId, handle: 'Prize' } })),
    );
    const won = answers.filter((a) => !a.errors);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => a.errors)) {
      expect(lost.errors![0].extensions).toEqual({ code: 'CONFLICT', field: 'handle' });
    }
    const claims = await app.store.readStream('responder-handle-prize');
    expect(claims.filter((e) => e.type === 'UniqueKeyClaimed')).toHaveLength(1);
    const handles = await app.ok(`{ responders(first: 100) { nodes { handle } } }`);
    expect(handles.responders.nodes.filter((r: { handle: string }) => r.handle.toLowerCase() === 'prize')).toHaveLength(
      1,
    );
    // the losers kept their handles; the winner's old one is free again
    const free = answers.findIndex((a) => !a.errors);
    const reused = await registerResponder(app, { handle: `racer-${free}`, timeZone: 'UTC' });
    expect(reused).toBeDefined();
  });
});
