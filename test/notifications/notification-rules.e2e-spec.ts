import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import {
  ADD_CONTACT_METHOD,
  addVerifiedEmail,
  PAGE_NOTIFICATIONS,
  runDue,
  SET_RULES,
  setUpAmerRotation,
  TestSmtpServer,
  type PagedTeam,
} from '../support/notifications.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ON_CALL_REACH = `
  query($rotationIds: [ID!]) { currentOnCall(rotationIds: $rotationIds) { onCall { reachable responder { handle reachable } } } }`;

/** Notification rules over time (ManualClock): e-mail at once, a second address at 5 minutes, nothing once acknowledged. */
describe('notification rules over time', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let team: PagedTeam;
  let first: string;
  let second: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    app = await startTestApp({ notifications: { smtpUrl: smtp.url } });
    app.clock.set('2026-07-15T12:00:00Z');
    team = await setUpAmerRotation(app);
  });

  afterAll(async () => {
    await app.close();
    await smtp.down();
  });

  it('shows an on-call responder with no verified method as unreachable in the on-call answer', async () => {
    const data = await app.ok(ON_CALL_REACH, { rotationIds: [team.rotationId] });
    expect(data.currentOnCall[0].onCall).toEqual([
      { reachable: false, responder: { handle: 'ana', reachable: false } },
    ]);
  });

  it('sets rules on verified methods only, with delays from 0 to 1440 minutes', async () => {
    first = await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana@example.com');
    second = await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana.pager@example.com');
    const unverified = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: team.ana, kind: 'EMAIL', address: 'ana.new@example.com' } },
      as('ana'),
    );
    const bobs = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: team.bob, kind: 'EMAIL', address: 'bob@example.com' } },
      as('bob'),
    );
    const before = await app.store.headPosition();
    for (const [rules, field] of [
      [[{ contactMethodId: unverified.addContactMethod.id, delayMinutes: 0 }], 'rules.0.contactMethodId'],
      [[{ contactMethodId: bobs.addContactMethod.id, delayMinutes: 0 }], 'rules.0.contactMethodId'],
      [[{ contactMethodId: first, delayMinutes: 1441 }], 'rules.0.delayMinutes'],
      [[{ contactMethodId: first, delayMinutes: -1 }], 'rules.0.delayMinutes'],
    ] as const) {
      const refused = await app.gql(SET_RULES, { input: { responderId: team.ana, rules } }, as('ana'));
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await app.store.headPosition()).toBe(before);

    const set = await app.ok(
      SET_RULES,
      {
        input: {
          responderId: team.ana,
          rules: [
            { contactMethodId: second, delayMinutes: 5 },
            { contactMethodId: first, delayMinutes: 0 },
          ],
        },
      },
      as('ana'),
    );
    expect(set.setNotificationRules).toEqual({
      id: team.ana,
      reachable: true,
      notificationRules: [
        { contactMethod: { id: first, kind: 'EMAIL' }, delayMinutes: 0 },
        { contactMethod: { id: second, kind: 'EMAIL' }, delayMinutes: 5 },
      ],
    });
    const data = await app.ok(ON_CALL_REACH, { rotationIds: [team.rotationId] });
    expect(data.currentOnCall[0].onCall).toEqual([{ reachable: true, responder: { handle: 'ana', reachable: true } }]);
  });

  it('sends the first e-mail at once and the second after 5 minutes without an acknowledgement', async () => {
    const raised = await raise(app, {
      source: 'SUPPORT',
      severity: 'S1',
      title: 'Checkout down',
      rotationId: team.rotationId,
    });
    await runDue(app);
    expect(smtp.to('ana@example.com').map((m) => m.subject)).toContain('[S1] Checkout down — you are paged (AMER 1)');
    expect(smtp.to('ana.pager@example.com').filter((m) => m.subject?.startsWith('[S1]'))).toHaveLength(0);
    await app.advanceClock('2026-07-15T12:04:59Z');
    expect(smtp.to('ana.pager@example.com').filter((m) => m.subject?.startsWith('[S1]'))).toHaveLength(0);
    await app.advanceClock('2026-07-15T12:05:00Z');
    expect(smtp.to('ana.pager@example.com').filter((m) => m.subject?.startsWith('[S1]'))).toHaveLength(1);

    const data = await app.ok(PAGE_NOTIFICATIONS, { id: raised.id });
    expect(
      data.escalation.pages.nodes[0].notifications.map((n: Record<string, unknown>) => [
        n.destination,
        n.state,
        n.sentAt,
      ]),
    ).toEqual([
      ['ana@example.com', 'DELIVERED', '2026-07-15T12:00:00.000Z'],
      ['ana.pager@example.com', 'DELIVERED', '2026-07-15T12:05:00.000Z'],
    ]);
    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('ana'));
    const after = await app.ok(PAGE_NOTIFICATIONS, { id: raised.id });
    const line = after.escalation.timeline.nodes.find((l: { type: string }) => l.type === 'NotificationsSent');
    expect(line.description).toBe('Emailed Ana at 08:00 EDT, no answer; e-mail at 08:05 EDT');
  });

  it('sends nothing more once the page is acknowledged', async () => {
    await app.advanceClock('2026-07-15T13:00:00Z');
    const raised = await raise(app, {
      source: 'SUPPORT',
      severity: 'S3',
      title: 'Slow search',
      rotationId: team.rotationId,
    });
    await runDue(app);
    expect(smtp.to('ana@example.com').filter((m) => m.subject?.startsWith('[S3]'))).toHaveLength(1);
    await app.advanceClock('2026-07-15T13:02:00Z');
    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('ana'));
    await app.advanceClock('2026-07-15T13:10:00Z');
    expect(smtp.to('ana.pager@example.com').filter((m) => m.subject?.startsWith('[S3]'))).toHaveLength(0);
    const data = await app.ok(PAGE_NOTIFICATIONS, { id: raised.id });
    expect(data.escalation.pages.nodes[0].notifications.map((n: { state: string }) => n.state)).toEqual([
      'DELIVERED',
      'CANCELLED',
    ]);
  });

  it('goes back to the default (every verified method at once) with an empty list', async () => {
    const set = await app.ok(SET_RULES, { input: { responderId: team.ana, rules: [] } }, as('ana'));
    expect(set.setNotificationRules.notificationRules).toHaveLength(2);
    expect(set.setNotificationRules.notificationRules).toEqual(
      expect.arrayContaining([
        { contactMethod: { id: first, kind: 'EMAIL' }, delayMinutes: 0 },
        { contactMethod: { id: second, kind: 'EMAIL' }, delayMinutes: 0 },
      ]),
    );
  });
});
