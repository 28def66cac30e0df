import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/core';
import { ProjectionRunner } from '@app/event-store';
import {
  as,
  ASSIGN_SUB_DRI,
  declare,
  DIGEST,
  MARK_MET,
  POST_UPDATE,
  RAPID_ACTION,
  RAPID_ACTIONS,
  registerTeam,
  RESOLVE,
} from '../support/rapid-actions.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = '2026-07-23T06:00:00Z'; // Thursday 02:00 in New York: Wednesday's deadlines have passed

/** What a member and a stranger can read: lists, every action in full, two digests. */
async function snapshot(app: TestApp, member: string, stranger: string) {
  const read = async (actor: string) => {
    const { rapidActions } = await app.ok(RAPID_ACTIONS, {}, as(actor));
    const actions = [];
    for (const { id } of rapidActions.nodes) actions.push((await app.ok(RAPID_ACTION, { id }, as(actor))).rapidAction);
    const overdue = await app.ok(RAPID_ACTIONS, { overdue: true }, as(actor));
    const digests = [];
    for (const date of ['2026-07-20', '2026-07-21', '2026-07-22'])
      digests.push(await app.ok(DIGEST, { date }, as(actor)));
    return { rapidActions, actions, overdue, digests };
  };
  return { member: await read(member), stranger: await read(stranger) };
}

describe('rapid actions after a restart (files on disk)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapid-actions-restart-'));
  const events = join(dir, 'events.sqlite');
  let app: TestApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts on the same event log; answers once the read models have caught up with it. */
  async function start(readModelPath: string): Promise<TestApp> {
    const started = await startTestApp({ clock: new ManualClock(NOW), store: { sqlitePath: events, readModelPath } });
    const head = await started.store.headPosition();
    if (head !== 'start') await started.app.get(ProjectionRunner).waitFor(head);
    return started;
  }

  let before: Awaited<ReturnType<typeof snapshot>>;
  let people: Record<'dana' | 'sam' | 'stella' | 'stranger', string>;

  it('builds the read model from a working week', async () => {
    app = await startTestApp({
      clock: new ManualClock('2026-07-17T14:00:00Z'),
      store: { sqlitePath: events, readModelPath: join(dir, 'read-models.sqlite') },
    });
    people = await registerTeam(app, {
      dana: 'America/New_York',
      sam: 'Asia/Singapore',
      stella: 'Europe/Berlin',
      stranger: 'Europe/Paris',
    });
    const search = await declare(app, people.stella, { driId: people.dana, stakeholderIds: [people.stella] });
    const secret = await declare(app, people.stella, {
      title: 'Exposed export tokens',
      driId: people.dana,
      stakeholderIds: [people.stella],
      confidential: true,
    });
    const imports = await declare(app, people.stella, { title: 'Import failures', driId: people.dana });
    await app.ok(
      ASSIGN_SUB_DRI,
      {
        input: { rapidActionId: search.id, responderId: people.sam, scope: { kind: 'TIME_ZONE', description: 'APAC' } },
      },
      as(people.dana),
    );
    await app.advanceClock('2026-07-21T04:00:00Z'); // all three overdue
    const update = (id: string, actor: string, text: string, extra: Record<string, unknown> = {}) =>
      app!.ok(
        POST_UPDATE,
        { input: { rapidActionId: id, progressSinceLastUpdate: text, progressExpectedByNextUpdate: 'More', ...extra } },
        as(actor),
      );
    await app.advanceClock('2026-07-21T14:00:00Z');
    await update(search.id, people.dana, 'Rolled back', { blockers: 'Waiting for the database team' });
    await update(secret.id, people.dana, 'Rotated tokens');
    await app.advanceClock('2026-07-22T02:00:00Z');
    await update(search.id, people.sam, 'Traced APAC queries', { praise: 'Thanks Ana' });
    await update(search.id, people.dana, 'Rolled back everywhere', { date: '2026-07-21' });
    for (const c of imports.exitCriteria) {
      await app.ok(
        MARK_MET,
        { input: { rapidActionId: imports.id, criterionId: c.id, evidence: 'Green' } },
        as(people.dana),
      );
    }
    await app.ok(RESOLVE, { input: { rapidActionId: imports.id } }, as(people.dana));
    await app.advanceClock(NOW);
    before = await snapshot(app, people.stella, people.stranger);
    expect(before.member.rapidActions.totalCount).toBe(3);
    expect(before.stranger.rapidActions.totalCount).toBe(2);
    const overdue = before.member.overdue.rapidActions.nodes.map((a: any) => a.title).sort();
    expect(overdue).toEqual(['Exposed export tokens', 'Search latency']);
    expect(before.member.digests[1].rapidActionDigest.entries).toHaveLength(2);
  });

  it('answers the same after a restart on the same read-model file', async () => {
    app = await start(join(dir, 'read-models.sqlite'));
    expect(await snapshot(app, people.stella, people.stranger)).toEqual(before);
  });

  it('rebuilds the same read model from the events alone', async () => {
    app = await start(join(dir, 'fresh-read-models.sqlite'));
    expect(await snapshot(app, people.stella, people.stranger)).toEqual(before);
    await app.ok(`mutation { rebuildProjection(name: "rapid-action-status") { name state } }`);
    expect(await snapshot(app, people.stella, people.stranger)).toEqual(before);
  });

  it('records no time-driven step twice after the restart', async () => {
    app = await start(join(dir, 'read-models.sqlite'));
    await app.advanceClock('2026-07-24T06:00:00Z');
    const all = await app.store.readAll();
    const overdue = all.filter((e) => e.type === 'RapidActionBecameOverdue');
    const ids = overdue.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // three at the end of Monday, then the search and secret actions again at the end of Wednesday
    expect(overdue.map((e) => e.data.overdueSince).sort()).toEqual([
      '2026-07-21T04:00:00.000Z',
      '2026-07-21T04:00:00.000Z',
      '2026-07-21T04:00:00.000Z',
      '2026-07-23T04:00:00.000Z',
      '2026-07-23T04:00:00.000Z',
    ]);
  });
});
