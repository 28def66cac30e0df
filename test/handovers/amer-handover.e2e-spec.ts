import { ACKNOWLEDGE, ESCALATION, OPEN_ESCALATIONS, as, raise } from '../support/escalations.fixtures.js';
import {
  ACCEPT,
  HANDOVER,
  IN_PROGRESS,
  WRITE_SUMMARY,
  boundaries,
  configureHandovers,
} from '../support/handovers.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The AMER customer-emergency shifts (12-18, 13-19, 14-20 New York time; in July 16-22, 17-23,
 * 18-24 UTC). An emergency taken by AMER 1 is still open when AMER 1 ends: its DRI summarises it,
 * AMER 2's responder accepts it and becomes DRI. At AMER 2's end nobody accepts it in time.
 */
describe('AMER handover at the end of a shift (over HTTP)', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  const rotations: Record<string, string> = {};
  let emergencyId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: undefined });
    app.clock.set('2026-07-15T12:00:00Z');
    for (const handle of ['amer1', 'amer2', 'amer3']) ids[handle] = await registerResponder(app, { handle });
    ids.mona = await registerResponder(app, { handle: 'mona', role: 'MANAGER', team: 'support-managers' });
    const shifts = [
      { name: 'AMER 1', handoff: '12:00', dri: ['12:00', '14:30'], handle: 'amer1' },
      { name: 'AMER 2', handoff: '13:00', dri: ['14:30', '17:30'], handle: 'amer2' },
      { name: 'AMER 3', handoff: '14:00', dri: ['17:30', '20:00'], handle: 'amer3' },
    ];
    for (const shift of shifts) {
      rotations[shift.name] = await createRotation(app, {
        name: shift.name,
        team: 'support',
        timeZone: 'America/New_York',
        startDate: '2026-07-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: shift.handoff }], shiftDuration: 'PT6H' },
        driWindows: [{ start: shift.dri[0], end: shift.dri[1] }],
        participantIds: [ids[shift.handle]],
      });
    }
    const settings = await configureHandovers(app, {
      rotationId: rotations['AMER 1'],
      graceMinutes: 30,
      receivingRotationIds: [rotations['AMER 2']],
    });
    expect(settings).toEqual({
      graceMinutes: 30,
      isDefault: false,
      rotation: { name: 'AMER 1' },
      receivingRotations: [{ name: 'AMER 2' }],
    });
  });

  afterAll(() => app.close());

  it('pages AMER 1 for an emergency raised in its DRI window; its responder acknowledges and is DRI', async () => {
    await app.advanceClock('2026-07-15T17:00:00Z');
    const raised = await raise(
      app,
      {
        source: 'CUSTOMER_EMERGENCY',
        severity: 'S1',
        title: 'Self-managed instance down after upgrade',
        links: ['https://tickets.example/4711'],
        rotationId: rotations['AMER 1'],
      },
      'support-bot',
    );
    emergencyId = raised.id;
    expect(raised.pages.nodes[0].recipients).toEqual([{ handle: 'amer1' }]);
    const ack = await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('amer1'));
    expect(ack.acknowledgePage.escalation).toMatchObject({ state: 'ACKNOWLEDGED', dri: { handle: 'amer1' } });
    await app.ok(
      `mutation($input: EscalationNoteInput!) { addEscalationNote(input: $input) { id } }`,
      { input: { escalationId: emergencyId, kind: 'TRIED', text: 'Rolled back the Gitaly upgrade; still failing' } },
      as('amer1'),
    );
  });

  it('records no boundary before AMER 1 ends', async () => {
    await app.advanceClock('2026-07-15T21:59:00Z');
    expect((await boundaries(app, rotations['AMER 1'])).totalCount).toBe(0);
  });

  it('shows the emergency open at the end of AMER 1, not yet handed over', async () => {
    await app.advanceClock('2026-07-15T22:00:00Z');
    const list = await boundaries(app, rotations['AMER 1']);
    expect(list.totalCount).toBe(1);
    const [boundary] = list.nodes;
    expect(boundary).toMatchObject({
      at: '2026-07-15T22:00:00.000Z',
      handOverBy: '2026-07-15T22:30:00.000Z',
      outgoing: [{ handle: 'amer1' }],
      incoming: [{ handle: 'amer2' }],
      pendingCount: 1,
    });
    expect(boundary.items).toEqual([
      expect.objectContaining({
        escalation: { id: emergencyId, title: 'Self-managed instance down after upgrade' },
        severity: 'S1',
        state: 'ACKNOWLEDGED',
        dri: { handle: 'amer1' },
        driAtBoundary: { handle: 'amer1' },
        ageMinutes: 300,
        handedOver: false,
        overdue: false,
        lastNote: { text: 'Rolled back the Gitaly upgrade; still failing' },
        summary: null,
      }),
    ]);
    const inProgress = await app.ok(IN_PROGRESS, { responderId: ids.amer2 });
    expect(inProgress.inProgressFromPreviousShift).toMatchObject({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      nodes: [{ id: boundary.id }],
    });
  });

  it('lets only the DRI summarise it', async () => {
    const [boundary] = (await boundaries(app, rotations['AMER 1'])).nodes;
    const summary = {
      boundaryId: boundary.id,
      escalationId: emergencyId,
      status: 'Instance down since 13:00; customer on the bridge',
      tried: 'Rolled back Gitaly; restarted Puma',
      nextSteps: 'Check the database migrations that ran during the upgrade',
    };
    await app.gql('{ __typename }', {}, as('amer3')); // amer3's token is issued on first use: before counting
    const before = await app.store.headPosition();
    const forbidden = await app.gql(WRITE_SUMMARY, { input: summary }, as('amer3'));
    expect(forbidden.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', escalationId: emergencyId });
    expect(await app.store.headPosition()).toBe(before);
    await app.advanceClock('2026-07-15T22:10:00Z');
    const written = (await app.ok(WRITE_SUMMARY, { input: summary }, as('amer1'))).writeHandoverSummary;
    expect(written.items[0].summary).toEqual({
      status: summary.status,
      tried: summary.tried,
      nextSteps: summary.nextSteps,
      author: { handle: 'amer1' },
      writtenAt: '2026-07-15T22:10:00.000Z',
    });
    expect(written.markdown).toBe(
      [
        '### Handover: AMER 1, shift ended 2026-07-15 18:00 EDT (22:00 UTC)',
        '',
        'From @amer1 to @amer2. Hand over by 2026-07-15 18:30 EDT (22:30 UTC). 1 open escalation.',
        '',
        '#### 1. [S1] Self-managed instance down after upgrade',
        '- State: acknowledged, open 5 h 10 min',
        '- DRI: @amer1 (waiting to be accepted)',
        `- Status: ${summary.status}`,
        `- Tried: ${summary.tried}`,
        `- Next steps: ${summary.nextSteps}`,
        '- Summary by: @amer1',
        '- Links: https://tickets.example/4711',
        '',
      ].join('\n'),
    );
  });

  it('makes AMER 2’s responder DRI when they accept, and shows it handed over', async () => {
    const [boundary] = (await boundaries(app, rotations['AMER 1'])).nodes;
    const rejected = await app.gql(ACCEPT, { input: { boundaryId: boundary.id } }, as('amer3'));
    expect(rejected.errors?.[0].extensions.code).toBe('FORBIDDEN');
    await app.advanceClock('2026-07-15T22:15:00Z');
    const accepted = (await app.ok(ACCEPT, { input: { boundaryId: boundary.id } }, as('amer2'))).acceptHandover;
    expect(accepted.pendingCount).toBe(0);
    expect(accepted.items[0]).toMatchObject({
      handedOver: true,
      dri: { handle: 'amer2' },
      driAtBoundary: { handle: 'amer1' },
      acceptedBy: { handle: 'amer2' },
      newDri: { handle: 'amer2' },
      acceptedAt: '2026-07-15T22:15:00.000Z',
    });
    expect(accepted.markdown).toContain('- DRI: @amer2 (handed over: accepted by @amer2, DRI now @amer2)');
    const escalation = (await app.ok(ESCALATION, { id: emergencyId })).escalation;
    expect(escalation.dri).toMatchObject({ handle: 'amer2' });
    expect(escalation.timeline.nodes.at(-1)).toMatchObject({
      type: 'DriAssigned',
      actor: { id: ids.amer2 },
      description: 'amer2 took over at a shift boundary and is now DRI',
    });
    const open = await app.ok(OPEN_ESCALATIONS, { filter: { driId: ids.amer2 } });
    expect(open.openEscalations.nodes.map((e: any) => e.id)).toEqual([emergencyId]);
    expect((await app.ok(IN_PROGRESS, { responderId: ids.amer2 })).inProgressFromPreviousShift.nodes).toEqual([]);
  });

  it('does not flag an item handed over in time', async () => {
    await app.advanceClock('2026-07-15T22:45:00Z');
    const [boundary] = (await boundaries(app, rotations['AMER 1'])).nodes;
    expect(boundary.items[0].overdue).toBe(false);
  });

  it('hands AMER 2’s open items to the team’s DRI on call at its end, and flags them when nobody accepts in time', async () => {
    await app.advanceClock('2026-07-15T23:00:00Z');
    const [boundary] = (await boundaries(app, rotations['AMER 2'])).nodes;
    expect(boundary).toMatchObject({
      at: '2026-07-15T23:00:00.000Z',
      handOverBy: '2026-07-15T23:30:00.000Z',
      outgoing: [{ handle: 'amer2' }],
      incoming: [{ handle: 'amer3' }],
    });
    expect(boundary.items).toEqual([expect.objectContaining({ handedOver: false, overdue: false })]);
    await app.advanceClock('2026-07-15T23:31:00Z');
    const after = (await app.ok(HANDOVER, { boundaryId: boundary.id })).handover;
    expect(after.items[0]).toMatchObject({
      overdue: true,
      flaggedOverdueAt: '2026-07-15T23:30:00.000Z',
      dri: { handle: 'amer2' },
    });
    expect(after.markdown).toContain('**not handed over in time**');
  });
});
