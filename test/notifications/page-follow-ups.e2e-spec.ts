import request from 'supertest';
import { raise } from '../support/escalations.fixtures.js';
import {
  addVerifiedEmail,
  linksIn,
  PAGE_NOTIFICATIONS,
  runDue,
  setUpAmerRotation,
  TestSmtpServer,
  type PagedTeam,
} from '../support/notifications.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const subjects = (smtp: TestSmtpServer, address: string) => smtp.to(address).map((m) => m.subject);

/** After the page: the next step paged (by timeout or by the recipient's Escalate link), someone else acknowledging. */
describe('what a paged responder is told afterwards', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let team: PagedTeam;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    app = await startTestApp({ notifications: { smtpUrl: smtp.url } });
    team = await setUpAmerRotation(app);
    await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana@example.com');
    await addVerifiedEmail(app, smtp, 'bob', team.bob, 'bob@example.com');
  });

  afterAll(async () => {
    await app.close();
    await smtp.down();
  });

  it('tells Ana the page moved to Bob, pages Bob, then tells Ana that Bob acknowledged', async () => {
    const raised = await raise(app, {
      source: 'SUPPORT',
      severity: 'S2',
      title: 'Orders stuck',
      rotationId: team.rotationId,
    });
    await runDue(app);
    await app.advanceClock('2026-07-15T12:15:00Z');
    expect(subjects(smtp, 'ana@example.com')).toContain('[S2] Orders stuck — escalated to the next step');
    const escalated = smtp.to('ana@example.com').find((m) => m.subject?.endsWith('escalated to the next step'))!;
    expect(escalated.text).toContain('Not acknowledged by 08:15 EDT: the page moved on.');
    expect(escalated.text).toContain('Now paged: Bob (step 2 (directors)).');
    const bobsPage = smtp.to('bob@example.com').find((m) => m.subject === '[S2] Orders stuck — you are paged (AMER 1)');
    expect(bobsPage).toBeDefined();

    const acknowledge = new URL(linksIn(bobsPage!).Acknowledge).pathname;
    expect((await request(app.server).post(acknowledge)).status).toBe(200);
    await runDue(app);
    const answered = smtp.to('ana@example.com').find((m) => m.subject === '[S2] Orders stuck — acknowledged by Bob');
    expect(answered?.text).toContain('Bob acknowledged at');
    expect(answered?.text).toContain('Nothing more is needed from you.');
    expect(subjects(smtp, 'bob@example.com').filter((s) => s?.includes('acknowledged by'))).toEqual([]);

    const data = await app.ok(PAGE_NOTIFICATIONS, { id: raised.id });
    expect(
      data.escalation.pages.nodes[0].notifications.map((n: { kind: string; state: string }) => [n.kind, n.state]),
    ).toEqual([
      ['PAGE', 'DELIVERED'],
      ['PAGE_ESCALATED', 'DELIVERED'],
    ]);
  });

  it('lets the recipient escalate to the next step from the e-mail', async () => {
    await app.advanceClock('2026-07-15T13:00:00Z');
    const raised = await raise(app, {
      source: 'SUPPORT',
      severity: 'S3',
      title: 'Slow reports',
      rotationId: team.rotationId,
    });
    await runDue(app);
    const page = smtp.to('ana@example.com').find((m) => m.subject?.startsWith('[S3] Slow reports — you are paged'))!;
    const escalate = new URL(linksIn(page)['Escalate to the next step']).pathname;
    expect((await request(app.server).get(escalate)).text).toContain('Escalate to the next step');
    expect((await request(app.server).post(escalate)).status).toBe(200);
    await runDue(app);
    expect(subjects(smtp, 'bob@example.com')).toContain('[S3] Slow reports — you are paged (AMER 1)');
    const data = await app.ok(PAGE_NOTIFICATIONS, { id: raised.id });
    expect(data.escalation.pages.nodes.map((p: { state: string }) => p.state)).toEqual(['TIMED_OUT', 'TRIGGERED']);
    expect(data.escalation.timeline.nodes.map((l: { description: string }) => l.description)).toContain(
      'Ana escalated the page to the next step',
    );
    expect((await request(app.server).post(escalate)).status).toBe(410);
  });
});
