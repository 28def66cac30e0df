import { configureHandovers } from '../support/handovers.fixtures.js';
import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import { addVerifiedEmail, TestSmtpServer } from '../support/notifications.fixtures.js';
import { declare, POST_UPDATE } from '../support/rapid-actions.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Messages that are not pages: a handover waiting at a shift boundary, a rapid-action update about to be due. */
describe('handover and rapid-action messages', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    app = await startTestApp({ notifications: { smtpUrl: smtp.url } });
    app.clock.set('2026-07-15T12:00:00Z');
    for (const handle of ['amer1', 'amer2']) {
      ids[handle] = await registerResponder(app, { handle, name: handle.toUpperCase(), timeZone: 'America/New_York' });
      await addVerifiedEmail(app, smtp, handle, ids[handle], `${handle}@example.com`);
    }
  });

  afterAll(async () => {
    await app.close();
    await smtp.down();
  });

  it('tells the responder taking over that a handover is waiting for them', async () => {
    const amer1 = await createRotation(app, {
      name: 'AMER 1',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }], shiftDuration: 'PT6H' },
      participantIds: [ids.amer1],
    });
    const amer2 = await createRotation(app, {
      name: 'AMER 2',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '13:00' }], shiftDuration: 'PT6H' },
      participantIds: [ids.amer2],
    });
    await configureHandovers(app, { rotationId: amer1, graceMinutes: 30, receivingRotationIds: [amer2] });
    await app.advanceClock('2026-07-15T17:00:00Z');
    const raised = await raise(app, { source: 'SUPPORT', severity: 'S2', title: 'Exports failing', rotationId: amer1 });
    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('amer1'));
    expect(smtp.to('amer2@example.com').filter((m) => m.subject?.startsWith('Handover'))).toHaveLength(0);

    await app.advanceClock('2026-07-15T22:00:00Z');
    const [mail] = smtp.to('amer2@example.com').filter((m) => m.subject?.startsWith('Handover'));
    expect(mail.subject).toBe('Handover waiting for you: 1 escalation(s) from AMER 1');
    expect(mail.text).toContain('AMER1 went off call in AMER 1 at Wed 18:00 EDT.');
    expect(mail.text).toContain('- S2 Exports failing (DRI AMER1, acknowledged)');
    expect(mail.text).toContain('Accept each item by Wed 18:30 EDT');
  });

  it('reminds the DRI two hours before a rapid action’s update is due, and replans after an update', async () => {
    const action = await declare(app, ids.amer1, { driId: ids.amer1 });
    const dueBy = action.nextUpdateDueBy as string;
    const twoHoursBefore = new Date(Date.parse(dueBy) - 2 * 3_600_000);
    const reminders = () => smtp.to('amer1@example.com').filter((m) => m.subject?.includes('your update is due'));

    await app.advanceClock(new Date(twoHoursBefore.getTime() - 1000));
    expect(reminders()).toHaveLength(0);
    await app.advanceClock(twoHoursBefore);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0].subject).toMatch(/^\[S1\] Search latency — your update is due by \w{3} \d\d:\d\d EDT$/);

    const posted = await app.ok(
      POST_UPDATE,
      {
        input: {
          rapidActionId: action.id,
          progressSinceLastUpdate: 'Rebuilt the index',
          progressExpectedByNextUpdate: 'Latency back to normal',
        },
      },
      as('amer1'),
    );
    const nextDue = posted.postRapidActionUpdate.nextUpdateDueBy as string;
    expect(nextDue > dueBy).toBe(true);
    await app.advanceClock(new Date(Date.parse(nextDue) - 2 * 3_600_000));
    expect(reminders()).toHaveLength(2);
  });
});
