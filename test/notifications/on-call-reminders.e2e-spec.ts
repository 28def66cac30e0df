import { as } from '../support/escalations.fixtures.js';
import { addVerifiedEmail, TestSmtpServer } from '../support/notifications.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SET_REMINDER = `
  mutation($r: ID!, $m: Int) { setOnCallReminder(responderId: $r, minutesBefore: $m) { id onCallReminderMinutes } }`;

/** "You go on call in 1 h", as the responder configured it, from the schedule. */
describe('on-call reminders', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let ana: string;
  const reminders = () => smtp.to('ana@example.com').filter((m) => m.subject?.startsWith('You go on call'));

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    app = await startTestApp({ notifications: { smtpUrl: smtp.url } });
    app.clock.set('2026-07-15T12:00:00Z');
    ana = await registerResponder(app, { name: 'Ana', handle: 'ana', timeZone: 'America/New_York' });
    await addVerifiedEmail(app, smtp, 'ana', ana, 'ana@example.com');
    await createRotation(app, {
      name: 'AMER 1',
      startDate: '2026-07-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }], shiftDuration: 'PT6H' },
      participantIds: [ana],
    });
  });

  afterAll(async () => {
    await app.close();
    await smtp.down();
  });

  it('sends nothing unless asked, and refuses a lead time out of range', async () => {
    await app.advanceClock('2026-07-15T15:30:00Z');
    expect(reminders()).toHaveLength(0);
    const refused = await app.gql(SET_REMINDER, { r: ana, m: 2 }, as('ana'));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minutesBefore' });
    const set = await app.ok(SET_REMINDER, { r: ana, m: 60 }, as('ana'));
    expect(set.setOnCallReminder).toEqual({ id: ana, onCallReminderMinutes: 60 });
  });

  it('reminds Ana an hour before each shift, once', async () => {
    await app.advanceClock('2026-07-16T14:59:59Z');
    expect(reminders()).toHaveLength(0);
    await app.advanceClock('2026-07-16T15:00:00Z');
    expect(reminders().map((m) => m.subject)).toEqual(['You go on call in 60 min: AMER 1 (Thu 12:00 EDT)']);
    await app.advanceClock('2026-07-16T15:30:00Z');
    await app.advanceClock('2026-07-16T17:00:00Z');
    expect(reminders()).toHaveLength(1);
    await app.advanceClock('2026-07-17T15:00:00Z');
    expect(reminders()).toHaveLength(2);
  });

  it('stops when the reminder is turned off', async () => {
    const off = await app.ok(SET_REMINDER, { r: ana, m: null }, as('ana'));
    expect(off.setOnCallReminder.onCallReminderMinutes).toBeNull();
    await app.advanceClock('2026-07-18T15:00:00Z');
    expect(reminders()).toHaveLength(2);
  });
});
