import { ACKNOWLEDGE, as, raise, setPolicy } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FIGURES = `query($from: DateTime!, $to: DateTime!, $zone: String, $team: String) {
  escalationFigures(from: $from, to: $to, timeZone: $zone, team: $team) {
    timeZone
    total { ...stats }
    teams { team stats { ...stats } }
    weeks { week weekStart stats { ...stats } teams { team stats { escalations } } }
  } }
  fragment stats on AcknowledgementStats {
    escalations acknowledged acknowledgedWithinSlo withinSloShare medianSecondsToAcknowledge p90SecondsToAcknowledge
  }`;

const stats = (
  escalations: number,
  acknowledged: number,
  within: number,
  share: number | null,
  median: number | null,
  p90: number | null,
) => ({
  escalations,
  acknowledged,
  acknowledgedWithinSlo: within,
  withinSloShare: share,
  medianSecondsToAcknowledge: median,
  p90SecondsToAcknowledge: p90,
});

/**
 * Six escalations over three weeks for two teams, SLO 15 minutes (900 s), computed by hand:
 *   e1 Mon  6 Jul 09:00 dev, acknowledged after  300 s     e4 Mon 13 Jul 09:00 dev, after 600 s
 *   e2 Tue  7 Jul 10:00 dev, after 1200 s (late)          e5 Tue 14 Jul 09:00 db, never
 *   e3 Wed  8 Jul 11:00 db,  after  120 s                  e6 Mon 20 Jul 02:00 UTC dev, after 60 s
 *      (Sunday 22:00 in New York: week 29 there, week 30 in UTC)
 * All: acknowledged 60, 120, 300, 600, 1200 -> median 300, p90 (nearest rank, 5th of 5) 1200;
 * within the SLO 4 of 6. dev: 60, 300, 600, 1200 -> median 450, p90 1200, 3 of 4. db: 120, 1 of 2.
 */
describe('escalation figures: per week and per team, time to acknowledge (over HTTP)', () => {
  let app: TestApp;

  async function escalate(team: 'dev' | 'db', at: string, ackAfterSeconds: number | null, rotationId: string) {
    await app.advanceClock(at);
    const escalation = await raise(app, { source: 'INFRASTRUCTURE', severity: 'S3', title: `At ${at}`, rotationId });
    if (ackAfterSeconds === null) return;
    await app.advanceClock(new Date(Date.parse(at) + ackAfterSeconds * 1000));
    await app.ok(ACKNOWLEDGE, { pageId: escalation.pages.nodes[0].id }, as(team === 'dev' ? 'ana' : 'ben'));
  }

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-01T00:00:00Z');
    const ana = await registerResponder(app, { handle: 'ana', timeZone: 'UTC', team: 'dev' });
    const ben = await registerResponder(app, { handle: 'ben', timeZone: 'UTC', team: 'db' });
    const rotation = (name: string, team: string, participant: string) =>
      createRotation(app, {
        name,
        team,
        timeZone: 'UTC',
        startDate: '2026-07-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
        participantIds: [participant],
      });
    const dev = await rotation('Development escalation', 'dev', ana);
    const db = await rotation('Database second tier', 'db', ben);
    for (const rotationId of [dev, db]) {
      await setPolicy(app, {
        rotationId,
        ackSloMinutes: 15,
        steps: [{ layer: 'RESPONDER', rotationId, ackTimeoutMinutes: 30 }],
      });
    }
    await escalate('dev', '2026-07-06T09:00:00Z', 300, dev);
    await escalate('dev', '2026-07-07T10:00:00Z', 1200, dev);
    await escalate('db', '2026-07-08T11:00:00Z', 120, db);
    await escalate('dev', '2026-07-13T09:00:00Z', 600, dev);
    await escalate('db', '2026-07-14T09:00:00Z', null, db);
    await escalate('dev', '2026-07-20T02:00:00Z', 60, dev);
    await app.advanceClock('2026-07-27T00:00:00Z');
  });

  afterAll(() => app.close());

  const range = { from: '2026-07-06T00:00:00Z', to: '2026-07-27T00:00:00Z' };

  it('counts per week (UTC) and per team, with median, 90th percentile and the share within the SLO', async () => {
    const { escalationFigures } = await app.ok(FIGURES, range);
    expect(escalationFigures.total).toEqual(stats(6, 5, 4, 0.6667, 300, 1200));
    expect(escalationFigures.teams).toEqual([
      { team: 'dev', stats: stats(4, 4, 3, 0.75, 450, 1200) },
      { team: 'db', stats: stats(2, 1, 1, 0.5, 120, 120) },
    ]);
    expect(escalationFigures.weeks).toEqual([
      {
        week: '2026-W28',
        weekStart: '2026-07-06',
        stats: stats(3, 3, 2, 0.6667, 300, 1200),
        teams: [
          { team: 'dev', stats: { escalations: 2 } },
          { team: 'db', stats: { escalations: 1 } },
        ],
      },
      {
        week: '2026-W29',
        weekStart: '2026-07-13',
        stats: stats(2, 1, 1, 0.5, 600, 600),
        teams: [
          { team: 'db', stats: { escalations: 1 } },
          { team: 'dev', stats: { escalations: 1 } },
        ],
      },
      {
        week: '2026-W30',
        weekStart: '2026-07-20',
        stats: stats(1, 1, 1, 1, 60, 60),
        teams: [{ team: 'dev', stats: { escalations: 1 } }],
      },
    ]);
  });

  it('starts weeks on Monday in the zone asked for, and narrows to one team', async () => {
    const { escalationFigures } = await app.ok(FIGURES, { ...range, zone: 'America/New_York' });
    expect(escalationFigures.weeks.map((w: any) => [w.week, w.stats.escalations])).toEqual([
      ['2026-W28', 3],
      ['2026-W29', 3],
    ]);
    expect(escalationFigures.weeks[1].stats).toEqual(stats(3, 2, 2, 0.6667, 330, 600));
    const db = await app.ok(FIGURES, { ...range, team: 'db' });
    expect(db.escalationFigures.total).toEqual(stats(2, 1, 1, 0.5, 120, 120));
    const bad = await app.gql(FIGURES, { ...range, zone: 'Mars/Olympus' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
  });
});
