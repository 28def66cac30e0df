import { ManualClock } from '@app/core';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type GraphQLClient, type TestApp } from '../support/test-app.js';

/**
 * The first day of a team of six in three zones: two rotations set up with mistakes, each mistake
 * corrected (every correction an event with its actor), the warning when a change puts someone on
 * call outside their working hours, and the history telling who corrected what.
 */

const RESPONDER_PAYLOAD = `responder { id name handle timeZone team role state deactivatedFrom }
  warnings { responder { name } rotation { name } localHours timeZone shifts { start end } message }`;
const ROTATION_PAYLOAD = `rotation { id name team timeZone state archivedAt
    pattern { cycle handoffs { weekday time } }
    nextScheduleChange { effectiveAt timeZone pattern { handoffs { weekday time } } }
    participants { responder { name } from until } }
  warnings { responder { name } rotation { name } localHours timeZone shifts { start end } message }`;

const mutation = (name: string, inputType: string, payload: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${payload} } }`;

const UPDATE_RESPONDER = mutation('updateResponder', 'UpdateResponderInput', RESPONDER_PAYLOAD);
const DEACTIVATE_RESPONDER = mutation('deactivateResponder', 'DeactivateResponderInput', RESPONDER_PAYLOAD);
const UPDATE_ROTATION = mutation('updateRotation', 'UpdateRotationInput', ROTATION_PAYLOAD);
const CHANGE_PATTERN = mutation('changeShiftPattern', 'ChangeShiftPatternInput', ROTATION_PAYLOAD);
const REORDER = mutation('reorderParticipants', 'ReorderParticipantsInput', ROTATION_PAYLOAD);
const ARCHIVE = mutation('archiveRotation', 'ArchiveRotationInput', ROTATION_PAYLOAD);
const REMOVE_PARTICIPANT = mutation('removeRotationParticipant', 'RotationMembershipInput', ROTATION_PAYLOAD);
const ADD_PARTICIPANT = mutation('addRotationParticipant', 'RotationMembershipInput', ROTATION_PAYLOAD);

const SHIFTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  rotation(id: $id) { shifts(from: $from, to: $to) { responder { name } start end shiftStart shiftNumber } } }`;
const AUDIT = `query($kind: String!, $id: ID!) { auditTrail(kind: $kind, id: $id, first: 100) { nodes { type actor { id } data } } }`;

const allDay = (start: string, end: string) => [{ start, end }];

describe('the first day: correcting people and rotations (over HTTP)', () => {
  let app: TestApp;
  let lead: GraphQLClient;
  const people = {} as Record<'ana' | 'ben' | 'clara' | 'dieter' | 'emi' | 'fumio', string>;
  let weekly: string;
  let followTheSun: string;

  const shifts = async (id: string, from: string, to: string) =>
    (await app.ok(SHIFTS, { id, from, to })).rotation.shifts as Array<{
      responder: { name: string };
      start: string;
      end: string;
      shiftStart: string;
    }>;
  const holderAt = async (id: string, at: string) =>
    (await shifts(id, at, new Date(Date.parse(at) + 1000).toISOString())).map((s) => s.responder.name);

  beforeAll(async () => {
    // Monday 9 November 2026, after the autumn clock changes in Europe and America
    app = await startTestApp({ clock: new ManualClock('2026-11-09T12:00:00Z') });
    lead = await app.as('admin', 'ops-lead');
    const register = (name: string, timeZone: string, extra: Record<string, unknown> = {}) =>
      registerResponder(app, {
        name,
        handle: name.toLowerCase(),
        timeZone,
        team: 'platform',
        workingHours: allDay('09:00', '17:00'),
        ...extra,
      });
    people.ana = await register('Ana', 'America/New_York', { team: 'support', workingHours: allDay('11:00', '19:00') });
    people.ben = await register('Ben', 'America/New_York', { role: 'MANAGER' });
    people.clara = await register('Clara', 'Europe/Berlin');
    people.dieter = await register('Dieter', 'Europe/Paris', { team: 'infra' }); // wrong zone and team
    people.emi = await register('Emi', 'Asia/Tokyo', { handle: 'emi-t' }); // a typo in the handle
    people.fumio = await register('Fumio', 'Asia/Tokyo', { role: 'DIRECTOR' });
    weekly = await createRotation(app, {
      name: 'Platfrom weekly', // a typo
      team: 'platfrom',
      timeZone: 'Europe/Berlin',
      startDate: '2026-11-02',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '10:00' }] },
      coverageWindows: [
        { weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], start: '09:00', end: '17:00' },
      ],
      participantIds: [people.clara, people.dieter, people.ben],
    });
    followTheSun = await createRotation(app, {
      name: 'Follow the sun',
      timeZone: 'UTC',
      startDate: '2026-11-09',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }, { time: '08:00' }, { time: '16:00' }] },
      participantIds: [people.emi, people.clara, people.ana],
    });
  });

  afterAll(() => app.close());

  it('puts each of the three follow-the-sun shifts in someone’s working day', async () => {
    expect(await holderAt(followTheSun, '2026-11-10T02:00:00Z')).toEqual(['Emi']);
    expect(await holderAt(followTheSun, '2026-11-10T10:00:00Z')).toEqual(['Clara']);
    expect(await holderAt(followTheSun, '2026-11-10T18:00:00Z')).toEqual(['Ana']);
  });

  it('corrects a responder’s zone, team and working hours', async () => {
    const data = await lead.ok(UPDATE_RESPONDER, {
      input: { responderId: people.dieter, timeZone: 'Europe/Berlin', team: 'platform', role: 'ENGINEER' },
    });
    expect(data.updateResponder.responder).toMatchObject({
      name: 'Dieter',
      timeZone: 'Europe/Berlin',
      team: 'platform',
      state: 'ACTIVE',
    });
    expect(data.updateResponder.warnings).toEqual([]); // Paris and Berlin keep the same hours
  });

  it('moves a handle to another unique key and releases the old one', async () => {
    const renamed = await lead.ok(UPDATE_RESPONDER, { input: { responderId: people.emi, handle: 'emi' } });
    expect(renamed.updateResponder.responder.handle).toBe('emi');
    const clash = await lead.gql(UPDATE_RESPONDER, { input: { responderId: people.fumio, handle: 'EMI' } });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'handle' });
    const reused = await lead.ok(UPDATE_RESPONDER, { input: { responderId: people.fumio, handle: 'emi-t' } });
    expect(reused.updateResponder.responder.handle).toBe('emi-t');
    const back = await lead.ok(UPDATE_RESPONDER, { input: { responderId: people.fumio, handle: 'fumio' } });
    expect(back.updateResponder.responder.handle).toBe('fumio');
  });

  it('renames a rotation and moves it to another zone from a date', async () => {
    const data = await lead.ok(UPDATE_ROTATION, {
      input: {
        rotationId: weekly,
        name: 'Platform weekly',
        team: 'platform',
        timeZone: 'Europe/London',
        timeZoneFromDate: '2027-01-04',
      },
    });
    const rotation = data.updateRotation.rotation;
    expect(rotation).toMatchObject({ name: 'Platform weekly', team: 'platform', timeZone: 'Europe/Berlin' });
    // from the Monday 10:00 Berlin handoff; the first London handoff follows at 10:00 London
    expect(rotation.nextScheduleChange).toMatchObject({
      effectiveAt: '2027-01-04T09:00:00.000Z',
      timeZone: 'Europe/London',
    });
    // coverage 09:00-17:00 London is 10:00-18:00 in Berlin: an hour past Clara's and Dieter's day
    const names = data.updateRotation.warnings.map((w: any) => [w.responder.name, w.localHours]);
    expect(names).toEqual(expect.arrayContaining([['Clara', '17:00-18:00']]));
    // 17:30 in Berlin is not covered before the change; 16:30 in London is after it
    expect(await holderAt(weekly, '2026-12-29T16:30:00Z')).toEqual([]);
    expect(await holderAt(weekly, '2027-01-05T16:30:00Z')).toHaveLength(1);
    expect(await holderAt(weekly, '2027-01-05T08:30:00Z')).toEqual([]);
  });

  it('changes the shift pattern from a future handoff, leaving the shifts before it as they were across DST', async () => {
    // from 9 November to the change (29 March 2027), through the US and UK spring changes
    const range = { from: '2026-11-09T00:00:00Z', to: '2027-03-29T09:00:00Z' };
    const before = await shifts(weekly, range.from, range.to);
    const data = await lead.ok(CHANGE_PATTERN, {
      input: {
        rotationId: weekly,
        fromDate: '2027-03-29',
        pattern: {
          cycle: 'WEEKLY',
          handoffs: [
            { weekday: 'MONDAY', time: '10:00' },
            { weekday: 'THURSDAY', time: '10:00' },
          ],
        },
      },
    });
    expect(data.changeShiftPattern.rotation.pattern.handoffs).toEqual([{ weekday: 'MONDAY', time: '10:00' }]);
    expect(await shifts(weekly, range.from, range.to)).toEqual(before);
    const after = await shifts(weekly, '2027-03-29T09:00:00Z', '2027-04-06T00:00:00Z');
    expect([...new Set(after.map((s) => s.shiftStart))]).toEqual([
      '2027-03-29T09:00:00.000Z', // Monday 10:00 BST
      '2027-04-01T09:00:00.000Z', // Thursday 10:00 BST: the new handoff
      '2027-04-05T09:00:00.000Z',
    ]);
    const past = await lead.gql(CHANGE_PATTERN, {
      input: {
        rotationId: weekly,
        fromShiftStart: '2026-11-02T09:00:00Z',
        pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '10:00' }] },
      },
    });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromShiftStart' });
  });

  it('warns when removing one person puts a New York engineer on 19:00-03:00', async () => {
    const data = await lead.ok(REMOVE_PARTICIPANT, {
      input: { rotationId: followTheSun, responderId: people.clara, fromDate: '2026-11-12' },
    });
    const clara = data.removeRotationParticipant.rotation.participants.find((p: any) => p.responder.name === 'Clara');
    expect(clara.until).toBe('2026-11-12T00:00:00.000Z');
    const ana = data.removeRotationParticipant.warnings.find(
      (w: any) => w.responder.name === 'Ana' && w.localHours === '19:00-03:00',
    );
    expect(ana).toMatchObject({ timeZone: 'America/New_York', rotation: { name: 'Follow the sun' } });
    expect(ana.shifts[0]).toEqual({ start: '2026-11-12T00:00:00.000Z', end: '2026-11-12T08:00:00.000Z' });
    expect(ana.message).toContain('Ana would be on call 19:00-03:00');
    expect(await holderAt(followTheSun, '2026-11-12T02:00:00Z')).toEqual(['Ana']);
    expect(await holderAt(followTheSun, '2026-11-11T10:00:00Z')).toEqual(['Clara']); // before: as it was
  });

  it('adds a participant from a shift named by its start', async () => {
    const data = await lead.ok(ADD_PARTICIPANT, {
      input: { rotationId: followTheSun, responderId: people.dieter, fromShiftStart: '2026-11-20T08:00:00Z' },
    });
    const dieter = data.addRotationParticipant.rotation.participants.find((p: any) => p.responder.name === 'Dieter');
    expect(dieter.from).toBe('2026-11-20T08:00:00.000Z');
    const notAShift = await lead.gql(ADD_PARTICIPANT, {
      input: { rotationId: followTheSun, responderId: people.fumio, fromShiftStart: '2026-11-20T09:00:00Z' },
    });
    expect(notAShift.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromShiftStart' });
  });

  it('deactivates a responder: out of every rotation from a date, not paged, tokens refused', async () => {
    const ben = await app.as('responder', people.ben);
    expect((await ben.gql(`{ me { actor { id } } }`)).errors).toBeUndefined();
    expect(await holderAt(weekly, '2026-11-16T10:00:00Z')).toEqual(['Ben']);
    const data = await lead.ok(DEACTIVATE_RESPONDER, {
      input: { responderId: people.ben, fromDate: '2026-11-16', reason: 'left the company' },
    });
    expect(data.deactivateResponder.responder).toMatchObject({ state: 'ACTIVE', deactivatedFrom: '2026-11-16' });
    expect(data.deactivateResponder.warnings).toEqual([]);
    expect(await holderAt(weekly, '2026-11-16T10:00:00Z')).toEqual(['Clara']);
    expect(await holderAt(weekly, '2026-11-10T10:00:00Z')).toEqual(['Dieter']); // history kept
    const rotation = await app.ok(
      `query($id: ID!) { rotation(id: $id) { participants { responder { name } until } } }`,
      {
        id: weekly,
      },
    );
    expect(rotation.rotation.participants).toContainEqual({
      responder: { name: 'Ben' },
      until: '2026-11-16T05:00:00.000Z', // midnight in New York
    });

    await app.advanceClock('2026-11-16T10:00:00Z');
    const refused = await ben.gql(`{ me { actor { id } } }`);
    expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const state = await app.ok(`query($id: ID!) { responder(id: $id) { state } }`, { id: people.ben });
    expect(state.responder.state).toBe('DEACTIVATED');
    const raised = await app.ok(
      `mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { pages { nodes { recipients { name } } } } }`,
      { input: { source: 'SUPPORT', severity: 'S2', title: 'Checkout errors', description: '', rotationId: weekly } },
    );
    expect(raised.raiseEscalation.pages.nodes[0].recipients).toEqual([{ name: 'Clara' }]);
    const rejoin = await lead.gql(ADD_PARTICIPANT, { input: { rotationId: weekly, responderId: people.ben } });
    expect(rejoin.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'responderId' });
  });

  it('reorders the participants from a shift', async () => {
    expect(await holderAt(weekly, '2026-11-23T10:00:00Z')).toEqual(['Dieter']);
    await lead.ok(REORDER, {
      input: {
        rotationId: weekly,
        participantIds: [people.dieter, people.clara],
        fromShiftStart: '2026-11-23T09:00:00Z',
      },
    });
    expect(await holderAt(weekly, '2026-11-23T10:00:00Z')).toEqual(['Clara']);
    expect(await holderAt(weekly, '2026-11-16T10:00:00Z')).toEqual(['Clara']); // before the shift: as it was
  });

  it('archives a rotation: no shift from then, still listed as archived', async () => {
    const data = await lead.ok(ARCHIVE, {
      input: { rotationId: followTheSun, reason: 'replaced by regional rotations' },
    });
    expect(data.archiveRotation.rotation).toMatchObject({ state: 'ARCHIVED', archivedAt: '2026-11-16T10:00:00.000Z' });
    expect(await holderAt(followTheSun, '2026-11-17T02:00:00Z')).toEqual([]);
    expect(await holderAt(followTheSun, '2026-11-15T02:00:00Z')).toHaveLength(1);
    const listed = await app.ok(`{ rotations(first: 100) { nodes { name state } } }`);
    expect(listed.rotations.nodes).toContainEqual({ name: 'Follow the sun', state: 'ARCHIVED' });
    const refused = await lead.gql(ADD_PARTICIPANT, { input: { rotationId: followTheSun, responderId: people.fumio } });
    expect(refused.errors?.[0].extensions.code).toBe('CONFLICT');
  });

  it('shows each correction and its actor in the history', async () => {
    const trail = async (kind: string, id: string) =>
      ((await app.ok(AUDIT, { kind, id })).auditTrail.nodes as Array<{ type: string; actor: { id: string } }>).map(
        (e) => [e.type, e.actor.id],
      );
    expect(await trail('rotation', weekly)).toEqual([
      ['RotationCreated', 'test-admin'],
      ['RotationUpdated', 'ops-lead'],
      ['RotationTimeZoneChanged', 'ops-lead'],
      ['ShiftPatternChanged', 'ops-lead'],
      ['RotationParticipantRemoved', 'ops-lead'],
      ['RotationParticipantsReordered', 'ops-lead'],
    ]);
    expect(await trail('rotation', followTheSun)).toEqual([
      ['RotationCreated', 'test-admin'],
      ['RotationParticipantRemoved', 'ops-lead'],
      ['RotationParticipantAdded', 'ops-lead'],
      ['RotationArchived', 'ops-lead'],
    ]);
    expect(await trail('responder', people.dieter)).toEqual([
      ['ResponderRegistered', 'test-admin'],
      ['ResponderUpdated', 'ops-lead'],
    ]);
    expect(await trail('responder', people.emi)).toEqual([
      ['ResponderRegistered', 'test-admin'],
      ['ResponderUpdated', 'ops-lead'],
    ]);
    expect(await trail('responder', people.ben)).toEqual([
      ['ResponderRegistered', 'test-admin'],
      ['ResponderDeactivated', 'ops-lead'],
    ]);
  });
});
