import { ManualClock } from '@app/core';
import {
  as,
  ASSIGN_SUB_DRI,
  CHANGE_DRI,
  declare,
  DIGEST,
  POST_UPDATE,
  RAPID_ACTION,
  RAPID_ACTIONS,
  registerTeam,
  rejected,
} from '../support/rapid-actions.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FRIDAY_10_NY = '2026-07-17T14:00:00Z';
const END_OF_MONDAY_NY = '2026-07-21T04:00:00.000Z';
const END_OF_MONDAY_TOKYO = '2026-07-20T15:00:00.000Z';

describe('rapid actions: daily status updates and the overdue flag (over HTTP, clock moved by the test)', () => {
  let app: TestApp;
  let people: Record<'dana' | 'taro' | 'sam' | 'stella', string>;
  let newYork: string;
  let tokyo: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: new ManualClock(FRIDAY_10_NY) });
    people = await registerTeam(app, {
      dana: 'America/New_York',
      taro: 'Asia/Tokyo',
      sam: 'Asia/Singapore',
      stella: 'Europe/Berlin',
    });
    newYork = (await declare(app, people.stella, { driId: people.dana, stakeholderIds: [people.stella] })).id;
    tokyo = (
      await declare(app, people.stella, {
        title: 'Import failures',
        driId: people.taro,
        stakeholderIds: [people.stella],
      })
    ).id;
  });

  afterAll(() => app.close());

  const status = async (id: string) => (await app.ok(RAPID_ACTION, { id }, as(people.stella))).rapidAction;
  const overdueIds = async () =>
    (await app.ok(RAPID_ACTIONS, { overdue: true }, as(people.stella))).rapidActions.nodes.map((a: any) => a.id);
  const post = (actor: string, input: Record<string, unknown>) =>
    app.ok(POST_UPDATE, { input: { rapidActionId: newYork, ...input } }, as(actor));

  it('declared on a Friday, an action is due an update by the end of Monday in its DRI’s time zone', async () => {
    const action = await status(newYork);
    expect(action).toMatchObject({
      state: 'OPEN',
      dri: { handle: 'dana' },
      driTimeZone: 'America/New_York',
      nextUpdateDueBy: END_OF_MONDAY_NY,
      overdue: false,
      overdueSince: null,
      daysSinceLastUpdate: 0,
      exitCriteriaMet: 0,
      exitCriteriaTotal: 2,
      latestUpdate: null,
    });
    expect((await status(tokyo)).nextUpdateDueBy).toBe(END_OF_MONDAY_TOKYO);
  });

  it('is not overdue over the weekend', async () => {
    await app.advanceClock('2026-07-18T16:00:00Z');
    expect(await status(newYork)).toMatchObject({
      overdue: false,
      daysSinceLastUpdate: 1,
      businessDaysSinceLastUpdate: 0,
    });
    await app.advanceClock('2026-07-19T23:00:00Z');
    expect(await overdueIds()).toEqual([]);
  });

  it('is overdue once Monday has ended in the DRI’s zone: Tokyo first', async () => {
    await app.advanceClock('2026-07-20T14:59:59.999Z');
    expect(await overdueIds()).toEqual([]);
    await app.advanceClock('2026-07-20T15:00:00Z');
    expect(await overdueIds()).toEqual([tokyo]);
    expect(await status(tokyo)).toMatchObject({ overdue: true, overdueSince: END_OF_MONDAY_TOKYO });
    expect((await status(newYork)).overdue).toBe(false);
  });

  it('a new DRI recomputes the deadline in their own zone', async () => {
    // Taro's action is overdue since the end of Monday in Tokyo; in New York that Monday has not ended yet
    await app.advanceClock('2026-07-20T16:00:00Z');
    const handedOver = (
      await app.ok(
        CHANGE_DRI,
        { input: { rapidActionId: tokyo, driId: people.dana, reason: 'Taro is on leave' } },
        as(people.taro),
      )
    ).changeRapidActionDri;
    expect(handedOver).toMatchObject({
      dri: { handle: 'dana' },
      driTimeZone: 'America/New_York',
      nextUpdateDueBy: END_OF_MONDAY_NY,
      overdue: false,
      overdueSince: null,
    });
    // the former DRI keeps following it, as a stakeholder
    expect(handedOver.stakeholders.map((s: any) => s.handle).sort()).toEqual(['stella', 'taro']);
    expect(handedOver.history.nodes.map((h: any) => [h.type, h.actor.id]).slice(-2)).toEqual([
      ['RapidActionDriChanged', people.taro],
      ['RapidActionStakeholderAdded', people.taro],
    ]);
  });

  it('is overdue once Monday has ended in New York', async () => {
    await app.advanceClock('2026-07-21T03:59:59.999Z');
    expect(await overdueIds()).toEqual([]);
    await app.advanceClock('2026-07-21T04:00:00Z');
    const late = await status(newYork);
    // Monday and (just begun) Tuesday: two business days without an update
    expect(late).toMatchObject({ overdue: true, overdueSince: END_OF_MONDAY_NY, businessDaysSinceLastUpdate: 2 });
    expect(late.history.nodes.at(-1)).toMatchObject({ type: 'RapidActionBecameOverdue', actor: { id: 'system' } });
    expect(new Set(await overdueIds())).toEqual(new Set([tokyo, newYork]));
    expect((await status(tokyo)).overdueSince).toBe(END_OF_MONDAY_NY);
  });

  it('records the moment once, however often the clock moves', async () => {
    await app.advanceClock('2026-07-21T05:00:00Z');
    await app.advanceClock('2026-07-21T06:00:00Z');
    for (const id of [newYork, tokyo]) {
      const events = await app.store.readStream(`rapid-action-${id}`);
      expect(events.filter((e) => e.type === 'RapidActionBecameOverdue').map((e) => e.data.overdueSince)).toEqual(
        id === tokyo ? [END_OF_MONDAY_TOKYO, END_OF_MONDAY_NY] : [END_OF_MONDAY_NY],
      );
    }
  });

  it('an update from the DRI needs only the two progress parts, clears the flag and sets the next deadline', async () => {
    await app.advanceClock('2026-07-21T14:00:00Z'); // Tuesday 10:00 in New York
    const action = (
      await post(people.dana, {
        progressSinceLastUpdate: 'Rolled back the index migration on all search nodes.',
        progressExpectedByNextUpdate: 'A fix for the migration, tested on staging.',
      })
    ).postRapidActionUpdate;
    expect(action).toMatchObject({
      overdue: false,
      overdueSince: null,
      nextUpdateDueBy: '2026-07-23T04:00:00.000Z',
      daysSinceLastUpdate: 0,
      latestUpdate: { date: '2026-07-21', postedAs: 'DRI', postedBy: { handle: 'dana' }, scope: null, blockers: null },
    });
    expect(action.latestUpdate.markdown).toBe(
      [
        '**2026-07-21 Update**',
        '**Progress since last update:**',
        'Rolled back the index migration on all search nodes.',
        '**Progress expected by next update:**',
        'A fix for the migration, tested on staging.',
        '**Blockers:**',
        'None',
        '**Praise:**',
        'None',
      ].join('\n\n') + '\n',
    );
    expect(await overdueIds()).toEqual([tokyo]);
  });

  it('a sub-DRI posts for their scope, dated in their own zone', async () => {
    await app.ok(
      ASSIGN_SUB_DRI,
      {
        input: {
          rapidActionId: newYork,
          responderId: people.sam,
          scope: { kind: 'TIME_ZONE', description: 'APAC' },
        },
      },
      as(people.dana),
    );
    await app.advanceClock('2026-07-22T01:00:00Z'); // Tuesday 21:00 in New York, Wednesday 09:00 in Singapore
    const action = (
      await post(people.sam, {
        progressSinceLastUpdate: 'Reproduced the slow queries on the APAC replicas.',
        progressExpectedByNextUpdate: 'Hand the traces to the AMER shift.',
        blockers: 'No read access to the APAC replica logs.',
        praise: 'Thanks to Ana for the traces.',
      })
    ).postRapidActionUpdate;
    expect(action.latestUpdate).toMatchObject({
      date: '2026-07-22',
      postedAs: 'SUB_DRI',
      postedBy: { handle: 'sam' },
      scope: { kind: 'TIME_ZONE', description: 'APAC' },
    });
    expect(action.latestUpdate.markdown).toMatch(/^\*\*2026-07-22 Update\*\*\n\n_Scope: APAC \(time zone\)_\n\n/);
    expect(action.openBlockers).toEqual([
      {
        scope: { kind: 'TIME_ZONE', description: 'APAC' },
        blockers: 'No read access to the APAC replica logs.',
        date: '2026-07-22',
      },
    ]);
    // The deadline is still read in the DRI's zone: Tuesday in New York, so due by the end of Wednesday there
    expect(action.nextUpdateDueBy).toBe('2026-07-23T04:00:00.000Z');
  });

  it('a second update on the same date amends the first, and both versions are kept', async () => {
    await app.advanceClock('2026-07-22T02:00:00Z');
    const action = (
      await post(people.dana, {
        date: '2026-07-21',
        progressSinceLastUpdate: 'Rolled back the index migration on all search nodes; p95 is down to 900 ms.',
        progressExpectedByNextUpdate: 'A fix for the migration, tested on staging.',
        blockers: 'none',
      })
    ).postRapidActionUpdate;
    const tuesday = action.updates.nodes.find((u: any) => u.date === '2026-07-21');
    expect(tuesday).toMatchObject({ version: 2, current: true, blockers: null });
    expect(tuesday.previousVersions).toEqual([
      {
        id: expect.any(String),
        version: 1,
        current: false,
        progressSinceLastUpdate: 'Rolled back the index migration on all search nodes.',
      },
    ]);
    expect(action.updates.nodes.map((u: any) => [u.date, u.scope?.description ?? 'whole'])).toEqual([
      ['2026-07-22', 'APAC'],
      ['2026-07-21', 'whole'],
    ]);
    expect(action.updates.totalCount).toBe(2);
    // paged newest first, one at a time, with the cursor it gave
    const pageOf = async (after?: string) =>
      (
        await app.ok(
          `query($id: ID!, $after: String) { rapidAction(id: $id) {
            updates(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { date } } } }`,
          { id: action.id, after },
        )
      ).rapidAction.updates;
    const newest = await pageOf();
    expect(newest).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ date: '2026-07-22' }] });
    expect(await pageOf(newest.pageInfo.endCursor)).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [{ date: '2026-07-21' }],
    });
    expect(action.history.nodes.map((h: any) => h.type)).toEqual(
      expect.arrayContaining(['RapidActionUpdatePosted', 'RapidActionUpdateAmended']),
    );
  });

  it('the daily digest lists the current updates of a date across actions, in Markdown too', async () => {
    const { rapidActionDigest: digest } = await app.ok(DIGEST, { date: '2026-07-21' }, as(people.stella));
    expect(digest.entries).toHaveLength(1);
    expect(digest.entries[0].rapidAction.title).toBe('Search latency');
    expect(digest.entries[0].updates).toMatchObject([{ date: '2026-07-21', version: 2, postedBy: { handle: 'dana' } }]);
    expect(digest.markdown).toContain(
      '# Rapid actions: updates of 2026-07-21\n\n## Search latency\n\n_S1 · DRI: Dana_',
    );
    expect(digest.markdown).toContain('p95 is down to 900 ms');
    expect(digest.markdown).not.toContain('on all search nodes.\n');
  });

  it('says which part is missing, and appends nothing', async () => {
    const both = await rejected(
      app,
      POST_UPDATE,
      { input: { rapidActionId: newYork, blockers: 'x' } },
      as(people.dana),
    );
    expect(both.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'progressSinceLastUpdate',
      missing: ['progressSinceLastUpdate', 'progressExpectedByNextUpdate'],
    });
    expect(both.message).toMatch(/missing "progress since last update" and "progress expected by next update"/);
    const one = await rejected(
      app,
      POST_UPDATE,
      { input: { rapidActionId: newYork, progressSinceLastUpdate: 'Done', progressExpectedByNextUpdate: '   ' } },
      as(people.dana),
    );
    expect(one.extensions).toMatchObject({
      field: 'progressExpectedByNextUpdate',
      missing: ['progressExpectedByNextUpdate'],
    });
    const future = await rejected(
      app,
      POST_UPDATE,
      {
        input: {
          rapidActionId: newYork,
          date: '2026-07-25',
          progressSinceLastUpdate: 'a',
          progressExpectedByNextUpdate: 'b',
        },
      },
      as(people.dana),
    );
    expect(future.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
  });

  it('refuses an update from anyone but the DRI or a sub-DRI with FORBIDDEN, and appends nothing', async () => {
    const error = await rejected(
      app,
      POST_UPDATE,
      { input: { rapidActionId: newYork, progressSinceLastUpdate: 'a', progressExpectedByNextUpdate: 'b' } },
      as(people.stella),
    );
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/Only the DRI or a sub-DRI/);
  });
});
