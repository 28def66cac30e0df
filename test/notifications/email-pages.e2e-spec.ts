import request from 'supertest';
import { as, raise } from '../support/escalations.fixtures.js';
import {
  ADD_CONTACT_METHOD,
  addVerifiedEmail,
  codeIn,
  linksIn,
  PAGE_NOTIFICATIONS,
  RESEND_CODE,
  RESPONDER_REACH,
  runDue,
  setUpAmerRotation,
  SMTP_PASSWORD,
  TestSmtpServer,
  VERIFY_CONTACT_METHOD,
  type PagedTeam,
} from '../support/notifications.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Pages out by e-mail, through a real SMTP server on loopback: the verification code, the page's
 * mail with its subject and signed links, GET that changes nothing, POST that acts once.
 */
describe('pages by e-mail (real SMTP server)', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let team: PagedTeam;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    app = await startTestApp({
      notifications: {
        smtpUrl: smtp.url,
        smtpFrom: 'On call <oncall@example.com>',
        publicUrl: 'https://oncall.example.com',
      },
    });
    team = await setUpAmerRotation(app);
  });

  afterAll(async () => {
    await app.close();
    await smtp.down();
  });

  it('flags a responder with no verified method as unreachable', async () => {
    const data = await app.ok(RESPONDER_REACH, { id: team.ana }, as('ana'));
    expect(data.responder).toEqual({ id: team.ana, reachable: false, contactMethods: [], notificationRules: [] });
  });

  it('verifies an e-mail address with the 6-digit code the mail carried; a wrong code is refused', async () => {
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: team.ana, kind: 'EMAIL', address: 'ana@example.com' } },
      as('ana'),
    );
    expect(added.addContactMethod).toEqual({
      id: expect.any(String),
      kind: 'EMAIL',
      address: 'ana@example.com',
      verified: false,
      signingSecret: null,
    });
    const id = added.addContactMethod.id;
    await runDue(app);
    const [mail] = smtp.to('ana@example.com');
    expect(mail.subject).toMatch(/^Your on-call verification code: \d{6}$/);
    expect(mail.from?.value[0]).toEqual({ name: 'On call', address: 'oncall@example.com' });
    const code = codeIn(mail)!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    const refused = await app.gql(VERIFY_CONTACT_METHOD, { input: { contactMethodId: id, code: wrong } }, as('ana'));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(refused.errors?.[0].message).toMatch(/4 attempt\(s\) left/);

    const verified = await app.ok(VERIFY_CONTACT_METHOD, { input: { contactMethodId: id, code } }, as('ana'));
    expect(verified.verifyContactMethod).toEqual({ id, verified: true });
    const reach = await app.ok(RESPONDER_REACH, { id: team.ana }, as('ana'));
    expect(reach.responder).toMatchObject({
      reachable: true,
      contactMethods: [{ id, kind: 'EMAIL', address: 'ana@example.com', verified: true }],
      notificationRules: [{ contactMethod: { id, kind: 'EMAIL' }, delayMinutes: 0 }],
    });
    const again = await app.gql(RESEND_CODE, { id }, as('ana'));
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
  });

  it('stops accepting codes after five wrong ones, until a new code is sent', async () => {
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: team.ana, kind: 'EMAIL', address: 'ana.home@example.com' } },
      as('ana'),
    );
    const id = added.addContactMethod.id;
    await runDue(app);
    const code = codeIn(smtp.to('ana.home@example.com')[0])!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await app.gql(VERIFY_CONTACT_METHOD, { input: { contactMethodId: id, code: wrong } }, as('ana'));
    }
    const locked = await app.gql(VERIFY_CONTACT_METHOD, { input: { contactMethodId: id, code } }, as('ana'));
    expect(locked.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/ask for a new one/),
      extensions: { code: 'BAD_USER_INPUT', field: 'code' },
    });
    await app.ok(RESEND_CODE, { id }, as('ana'));
    await runDue(app);
    const fresh = codeIn(smtp.to('ana.home@example.com').at(-1)!)!;
    await app.ok(VERIFY_CONTACT_METHOD, { input: { contactMethodId: id, code: fresh } }, as('ana'));
  });

  let pageId: string;
  let links: Record<string, string>;

  it('e-mails the paged responder: subject, severity, rotation, why, who else, and the action links', async () => {
    await addVerifiedEmail(app, smtp, 'bob', team.bob, 'bob@example.com');
    const before = smtp.mails.length;
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'API error rate up',
      rotationId: team.rotationId,
    });
    pageId = raised.pages.nodes[0].id;
    await runDue(app);
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to && !Array.isArray(m.to) && m.to.text).sort()).toEqual([
      'ana.home@example.com',
      'ana@example.com',
    ]);
    const mail = smtp.to('ana@example.com').at(-1)!;
    expect(mail.subject).toBe('[S2] API error rate up — you are paged (AMER 1)');
    expect(mail.text).toContain('S2 infrastructure escalation: API error rate up');
    expect(mail.text).toContain('Rotation: AMER 1, step 1 (responder)');
    expect(mail.text).toContain('Why you: you are on call');
    expect(mail.text).toContain('Also paged: nobody else');
    expect(mail.text).toContain('Acknowledge by 08:15 EDT');
    links = linksIn(mail);
    expect(Object.keys(links).sort()).toEqual(['Acknowledge', 'Escalate to the next step', 'Resolve']);
    for (const url of Object.values(links)) expect(url).toMatch(/^https:\/\/oncall\.example\.com\/actions\/[\w.-]+$/);
    expect(mail.headers.get('x-delivery-id')).toEqual(expect.any(String));
  });

  const path = (url: string) => new URL(url).pathname;

  it('GET of a link shows a confirmation form and acknowledges nothing', async () => {
    const shown = await request(app.server).get(path(links.Acknowledge));
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toMatch(/text\/html/);
    expect(shown.text).toContain('<form method="post">');
    expect(shown.text).toContain('API error rate up');
    const data = await app.ok(PAGE_NOTIFICATIONS, { id: await escalationOf(pageId) });
    expect(data.escalation.pages.nodes[0].state).toBe('TRIGGERED');
  });

  it('POST acknowledges once, as the recipient; a second POST answers 410', async () => {
    const acted = await request(app.server).post(path(links.Acknowledge));
    expect(acted.status).toBe(200);
    expect(acted.text).toContain('Acknowledged');
    const data = await app.ok(PAGE_NOTIFICATIONS, { id: await escalationOf(pageId) });
    expect(data.escalation.pages.nodes[0]).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgedBy: { handle: 'ana' } });
    const again = await request(app.server).post(path(links.Acknowledge));
    expect(again.status).toBe(410);
    expect((await request(app.server).get(path(links.Acknowledge))).status).toBe(410);
  });

  it('shows what was sent on the page and in the timeline', async () => {
    const data = await app.ok(PAGE_NOTIFICATIONS, { id: await escalationOf(pageId) });
    const sent = data.escalation.pages.nodes[0].notifications;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      kind: 'PAGE',
      channel: 'EMAIL',
      state: 'DELIVERED',
      attempts: 1,
      lastError: null,
      sentAt: '2026-07-15T12:00:00.000Z',
      recipient: { handle: 'ana' },
    });
    const line = data.escalation.timeline.nodes.find((l: { type: string }) => l.type === 'NotificationsSent');
    expect(line.description).toBe('Emailed Ana at 08:00 EDT; e-mail at 08:00 EDT');
  });

  it('refuses a forged link with 400 and an expired one with 410', async () => {
    const forged = links.Resolve.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await request(app.server).post(path(forged))).status).toBe(400);
    expect((await request(app.server).get('/actions/not-a-token')).status).toBe(400);
    await app.advanceClock('2026-07-16T12:00:01Z');
    expect((await request(app.server).post(path(links.Resolve))).status).toBe(410);
  });

  it('rebuilds the notifications read model to the same deliveries, and sends nothing again', async () => {
    const escalationId = await escalationOf(pageId);
    const before = await app.ok(PAGE_NOTIFICATIONS, { id: escalationId });
    const sent = smtp.mails.length;
    const rebuilt = await app.ok(`mutation { rebuildProjection(name: "notifications") { state } }`);
    expect(rebuilt.rebuildProjection.state).toBe('running');
    await runDue(app);
    expect(await app.ok(PAGE_NOTIFICATIONS, { id: escalationId })).toEqual(before);
    expect(smtp.mails).toHaveLength(sent);
  });

  it('never puts the SMTP password into an event', async () => {
    const events = await app.store.readAll();
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(SMTP_PASSWORD);
  });

  async function escalationOf(id: string): Promise<string> {
    const events = await app.store.readAll();
    const paged = events.find((e) => e.type === 'ResponderPaged' && e.data.pageId === id)!;
    return paged.data.escalationId as string;
  }
});
