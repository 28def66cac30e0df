import { ACKNOWLEDGE, ESCALATION, OPEN_ESCALATIONS, as, raise } from '../support/escalations.fixtures.js';
import {
  BOUNDARY_ON_THE_CLOCK,
  DRAFT,
  END_SHIFT_NOW,
  HANDOVER_DRAFT,
  MITIGATE,
} from '../support/handover-clock.fixtures.js';
import { ACCEPT } from '../support/handovers.fixtures.js';
import { CURRENT_ON_CALL, createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { CommandBus } from '@nestjs/cqrs';
import { CoverRestOfShiftCommand } from '@app/scheduling';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Handovers on the team's clock. "Ops" hands over daily at 16:00 UTC between Ana and Ben. The
 * responder on call on 15 July drafts the handover of an S1 in the last hour of the shift (not
 * before), and the boundary at 16:00 starts with that draft, items most severe first, then oldest.
 * The next responder takes everything over and then hands over early with endShiftNow.
 */
describe('handovers on the team’s clock (over HTTP)', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  const names: Record<string, string> = { ana: 'Ana Diaz', ben: 'Ben Okafor', cai: 'Cai Lin' };
  let ops: string;
  let quiet: string;
  /** Who is on call in Ops on 15 July until 16:00, and who after. */
  let first: string;
  let second: string;
  const escalations: Record<string, string> = {};

  const boundaries = async () => (await app.ok(BOUNDARY_ON_THE_CLOCK, { rotationId: ops })).shiftBoundaries;

  beforeAll(async () => {
    app = await startTestApp();
    for (const handle of ['ana', 'ben', 'cai']) {
      ids[handle] = await registerResponder(app, { handle, name: names[handle], timeZone: 'UTC', team: 'ops' });
    }
    ops = await createRotation(app, {
      name: 'Ops',
      team: 'ops',
      timeZone: 'UTC',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '16:00' }] },
      participantIds: [ids.ana, ids.ben],
    });
    quiet = await createRotation(app, {
      name: 'Quiet',
      team: 'quiet',
      timeZone: 'UTC',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ids.cai],
    });
    const [now] = (await app.ok(CURRENT_ON_CALL, { rotationIds: [ops] })).currentOnCall;
    first = now.onCall[0].responder.handle;
    second = first === 'ana' ? 'ben' : 'ana';
    expect(now.onCall[0].end).toBe('2026-07-15T16:00:00.000Z');
  });

  afterAll(() => app.close());

  it('names whose page timed out, in words and in the structured field', async () => {
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S4',
      title: 'Disk at 80%',
      rotationId: quiet,
    });
    expect(raised.pages.nodes[0].recipients).toEqual([{ handle: 'cai' }]);
    await app.advanceClock('2026-07-15T12:16:00Z');
    const { timeline } = (await app.ok(ESCALATION, { id: raised.id })).escalation;
    expect(timeline.nodes.find((line: any) => line.type === 'PageTimedOut')).toMatchObject({
      description: 'The page to Cai Lin was not acknowledged in time',
      responders: [{ handle: 'cai' }],
    });
  });

  it('keeps a mitigation’s note as the escalation’s last note', async () => {
    const raisedAt = ['12:20', '12:22', '12:24', '12:26'];
    const raised = [
      ['oldS3', 'S3', 'Backups slow'],
      ['checkout', 'S1', 'Checkout down'],
      ['search', 'S2', 'Search slow'],
      ['login', 'S1', 'Login errors'],
    ] as const;
    const pages: string[] = [];
    for (const [i, [key, severity, title]] of raised.entries()) {
      await app.advanceClock(`2026-07-15T${raisedAt[i]}:00Z`);
      const escalation = await raise(app, { source: 'INFRASTRUCTURE', severity, title, rotationId: ops });
      expect(escalation.pages.nodes[0].recipients).toEqual([{ handle: first }]);
      escalations[key] = escalation.id;
      pages.push(escalation.pages.nodes[0].id);
    }
    await app.advanceClock('2026-07-15T12:27:00Z');
    for (const pageId of pages) await app.ok(ACKNOWLEDGE, { pageId }, as(first));
    const note = 'Rolled back the search index; p95 back to 400 ms';
    const mitigated = (await app.ok(MITIGATE, { id: escalations.search, note }, as(first))).mitigateEscalation;
    expect(mitigated).toMatchObject({
      state: 'MITIGATED',
      lastNote: { kind: 'UPDATE', text: note, author: { id: ids[first], kind: 'RESPONDER' } },
    });
    const open = await app.ok(OPEN_ESCALATIONS, { filter: { driId: ids[first] } });
    expect(open.openEscalations.nodes.find((e: any) => e.id === escalations.search).lastNote).toEqual({ text: note });
  });

  const draftInput = (status: string) => ({
    rotationId: ops,
    escalationId: escalations.checkout,
    status,
    tried: 'Restarted the payment workers',
    nextSteps: 'Fail over to the second region if errors persist',
  });

  it('refuses a draft before the last hour of the shift, saying when drafting opens, and appends nothing', async () => {
    await app.advanceClock('2026-07-15T14:59:00Z');
    await app.gql('{ __typename }', {}, as(second)); // a token is issued on first use: before counting
    const before = await app.store.headPosition();
    const early = await app.gql(DRAFT, { input: draftInput('Errors at 5%') }, as(first));
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      opensAt: '2026-07-15T15:00:00.000Z',
      shiftEndsAt: '2026-07-15T16:00:00.000Z',
    });
    expect(early.errors?.[0].message).toContain(
      'opens in the last 60 minutes of the shift: at 2026-07-15T15:00:00.000Z',
    );
    const notOnCall = await app.gql(DRAFT, { input: draftInput('Errors at 5%') }, as(second));
    expect(notOnCall.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await app.store.headPosition()).toBe(before);
    expect((await app.ok(HANDOVER_DRAFT, { escalationId: escalations.checkout })).handoverDraft).toBeNull();
  });

  it('takes a draft during the last hour, and a rewrite', async () => {
    await app.advanceClock('2026-07-15T15:10:00Z');
    const drafted = (await app.ok(DRAFT, { input: draftInput('Errors at 5%') }, as(first))).draftHandoverSummary;
    expect(drafted).toEqual({
      escalation: { id: escalations.checkout, title: 'Checkout down' },
      rotation: { name: 'Ops' },
      author: { handle: first },
      status: 'Errors at 5%',
      tried: 'Restarted the payment workers',
      nextSteps: 'Fail over to the second region if errors persist',
      writtenAt: '2026-07-15T15:10:00.000Z',
      shiftEndsAt: '2026-07-15T16:00:00.000Z',
    });
    await app.advanceClock('2026-07-15T15:40:00Z');
    await app.ok(DRAFT, { input: draftInput('Errors down to 1% after the restart') }, as(first));
    const kept = (await app.ok(HANDOVER_DRAFT, { escalationId: escalations.checkout })).handoverDraft;
    expect(kept).toMatchObject({
      status: 'Errors down to 1% after the restart',
      writtenAt: '2026-07-15T15:40:00.000Z',
    });
    expect((await boundaries()).totalCount).toBe(0);
  });

  it('starts the handover at the boundary with the draft, items most severe first, then oldest', async () => {
    await app.advanceClock('2026-07-15T16:00:00Z');
    const list = await boundaries();
    expect(list.totalCount).toBe(1);
    const [boundary] = list.nodes;
    expect(boundary).toMatchObject({
      at: '2026-07-15T16:00:00.000Z',
      endedEarly: false,
      endedEarlyBy: null,
      outgoing: [{ handle: first }],
      incoming: [{ handle: second }],
      pendingCount: 4,
    });
    expect(boundary.items.map((i: any) => [i.severity, i.escalation.title])).toEqual([
      ['S1', 'Checkout down'],
      ['S1', 'Login errors'],
      ['S2', 'Search slow'],
      ['S3', 'Backups slow'],
    ]);
    expect(boundary.items[0].summary).toEqual({
      status: 'Errors down to 1% after the restart',
      tried: 'Restarted the payment workers',
      nextSteps: 'Fail over to the second region if errors persist',
      author: { handle: first },
      writtenAt: '2026-07-15T15:40:00.000Z',
      fromDraft: true,
    });
    expect(boundary.items.slice(1).map((i: any) => i.summary)).toEqual([null, null, null]);
    expect(boundary.items[2].lastNote).toEqual({ text: 'Rolled back the search index; p95 back to 400 ms' });
    const headings = boundary.markdown.split('\n').filter((line: string) => line.startsWith('#### '));
    expect(headings).toEqual([
      '#### 1. [S1] Checkout down',
      '#### 2. [S1] Login errors',
      '#### 3. [S2] Search slow',
      '#### 4. [S3] Backups slow',
    ]);
    expect(boundary.markdown).toContain('- Status: Errors down to 1% after the restart');
  });

  it('moves on-call and records the handover at once when the next responder ends their shift early', async () => {
    const [boundary] = (await boundaries()).nodes;
    await app.advanceClock('2026-07-15T16:05:00Z');
    await app.ok(ACCEPT, { input: { boundaryId: boundary.id } }, as(second));

    await app.advanceClock('2026-07-15T17:00:00Z');
    const othersShift = await app.gql(
      END_SHIFT_NOW,
      { input: { rotationId: ops, responderId: ids[first] } },
      as(second),
    );
    expect(othersShift.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const offCall = await app.gql(END_SHIFT_NOW, { input: { rotationId: ops } }, as(first));
    expect(offCall.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', responderId: ids[first] });

    const toSelf = await app.gql(END_SHIFT_NOW, { input: { rotationId: ops, handToId: ids[second] } }, as(second));
    expect(toSelf.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'handToId' });
    expect((await boundaries()).totalCount).toBe(1);

    const ended = (await app.ok(END_SHIFT_NOW, { input: { rotationId: ops } }, as(second))).endShiftNow;
    expect(ended).toMatchObject({
      at: '2026-07-15T17:00:00.000Z',
      handOverBy: '2026-07-15T17:30:00.000Z',
      endedEarly: true,
      endedEarlyBy: { kind: 'RESPONDER', responder: { handle: second } },
      outgoing: [{ handle: second }],
      incoming: [{ handle: first }],
      pendingCount: 4,
    });
    expect(ended.items.map((i: any) => [i.escalation.title, i.driAtBoundary.handle])).toEqual([
      ['Checkout down', second],
      ['Login errors', second],
      ['Search slow', second],
      ['Backups slow', second],
    ]);

    const [now] = (await app.ok(CURRENT_ON_CALL, { rotationIds: [ops] })).currentOnCall;
    expect(now.onCall).toEqual([
      expect.objectContaining({
        responder: { id: ids[first], handle: first },
        start: '2026-07-15T17:00:00.000Z',
        end: '2026-07-16T16:00:00.000Z',
        reason: expect.objectContaining({ kind: 'OVERRIDE', replaced: { handle: second } }),
      }),
    ]);
    const open = await app.ok(OPEN_ESCALATIONS, { filter: { driId: ids[second] } });
    expect(open.openEscalations.nodes.map((e: any) => e.id).sort()).toEqual(
      ended.items.map((i: any) => i.escalation.id).sort(),
    );
    const history = (
      await app.ok(`query($id: ID!) { rotation(id: $id) { history(first: 100) { nodes { type actor { id } } } } }`, {
        id: ops,
      })
    ).rotation.history.nodes;
    expect(history.at(-1)).toEqual({ type: 'OverrideScheduled', actor: { id: ids[second] } });
  });

  it('records no second boundary for the shift ended early, nor at its scheduled end', async () => {
    await app.advanceClock('2026-07-16T16:30:00Z');
    const list = await boundaries();
    expect(list.nodes.map((b: any) => [b.at, b.endedEarly])).toEqual([
      ['2026-07-15T17:00:00.000Z', true],
      ['2026-07-15T16:00:00.000Z', false],
    ]);
    const [now] = (await app.ok(CURRENT_ON_CALL, { rotationIds: [ops] })).currentOnCall;
    expect(now.onCall.map((e: any) => e.responder.handle)).toEqual([first]);
  });

  it('records the boundary of a shift ended early even when the process stopped before recording it', async () => {
    // endShiftNow's first append (the override) without its second (the boundary), as after a crash.
    await app.advanceClock('2026-07-16T18:00:00Z');
    await app.app.get(CommandBus).execute(
      new CoverRestOfShiftCommand(
        {
          rotationId: ops,
          responderId: ids[second],
          replacesResponderId: ids[first],
          start: '2026-07-16T18:00:00.000Z',
          end: '2026-07-17T16:00:00.000Z',
          note: 'Took over early',
        },
        { actor: ids[first], role: 'responder', correlationId: 'crashed-end-shift-now' },
      ),
    );
    await app.advanceClock('2026-07-16T18:01:00Z');
    const [latest] = (await boundaries()).nodes;
    expect(latest).toMatchObject({
      at: '2026-07-16T18:00:00.000Z',
      endedEarly: true,
      outgoing: [{ handle: first }],
      incoming: [{ handle: second }],
    });
  });
});
