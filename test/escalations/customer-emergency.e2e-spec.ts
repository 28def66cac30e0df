import { OPEN_ESCALATIONS, as, escalation, raise } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const QUALIFY = `mutation($input: QualifyEmergencyInput!) {
  qualifyEmergency(input: $input) { id state qualification neededMoreInformation downgrade { reason priority followUpTicket } } }`;
const CONTACT = `mutation($id: ID!) { recordCustomerContact(escalationId: $id) { id customerContact { firstContactAt followUpDueAt } } }`;
const REPLY = `mutation($id: ID!) { recordCustomerReply(escalationId: $id) { id customerContact { repliedAt } } }`;

/** Qualifying customer emergencies, and the follow-up timers after the first contact. */
describe('customer emergencies (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-15T15:00:00Z');
    const engineer = await registerResponder(app, { handle: 'ce-engineer' });
    await registerResponder(app, { handle: 'ce-manager', role: 'MANAGER' });
    rotationId = await createRotation(app, {
      name: 'Emergencies',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
      participantIds: [engineer],
    });
  });

  afterAll(() => app.close());

  const emergency = (title: string) =>
    raise(app, { source: 'CUSTOMER_EMERGENCY', severity: 'S1', title, rotationId }, 'zendesk-bridge');

  it('keeps the “needs more information” mark once a final qualification is given', async () => {
    const { id } = await emergency('Instance slow, maybe down');
    const first = await app.ok(
      QUALIFY,
      { input: { escalationId: id, qualification: 'NEEDS_MORE_INFORMATION' } },
      as('ce-engineer'),
    );
    expect(first.qualifyEmergency).toMatchObject({
      qualification: 'NEEDS_MORE_INFORMATION',
      neededMoreInformation: true,
    });
    const final = await app.ok(QUALIFY, { input: { escalationId: id, qualification: 'EXCEPTION' } }, as('ce-manager'));
    expect(final.qualifyEmergency).toMatchObject({
      state: 'OPEN',
      qualification: 'EXCEPTION',
      neededMoreInformation: true,
    });
  });

  it('downgrades one that is not an emergency to high priority, linking the follow-up ticket', async () => {
    const { id } = await emergency('Cannot change avatar');
    const data = await app.ok(
      QUALIFY,
      { input: { escalationId: id, qualification: 'NOT_AN_EMERGENCY', followUpTicket: 'https://tickets.example/999' } },
      as('ce-engineer'),
    );
    expect(data.qualifyEmergency).toEqual({
      id,
      state: 'DOWNGRADED',
      qualification: 'NOT_AN_EMERGENCY',
      neededMoreInformation: false,
      downgrade: { reason: 'NOT_AN_EMERGENCY', priority: 'HIGH', followUpTicket: 'https://tickets.example/999' },
    });
    const detail = await escalation(app, id);
    expect(detail.pages.nodes[0]).toMatchObject({ state: 'CANCELLED', cancelReason: 'ESCALATION_CLOSED' });
    const open = await app.ok(OPEN_ESCALATIONS, { filter: { rotationIds: [rotationId] } });
    expect(open.openEscalations.nodes.map((e: any) => e.id)).not.toContain(id);
  });

  it('records a follow-up due 15 minutes after the first contact without reply, then closes the bridge', async () => {
    const { id } = await emergency('Geo replication broken');
    await app.advanceClock('2026-07-15T15:10:00Z');
    const contacted = await app.ok(CONTACT, { id }, as('ce-engineer'));
    expect(contacted.recordCustomerContact.customerContact).toEqual({
      firstContactAt: '2026-07-15T15:10:00.000Z',
      followUpDueAt: '2026-07-15T15:25:00.000Z',
    });
    await app.advanceClock('2026-07-15T15:24:59Z');
    expect((await escalation(app, id)).customerContact.followUpRecordedAt).toBeNull();
    await app.advanceClock('2026-07-15T15:25:00Z');
    const due = await escalation(app, id);
    expect(due.customerContact).toMatchObject({
      followUpRecordedAt: '2026-07-15T15:25:00.000Z',
      bridgeClosesAt: '2026-07-15T15:40:00.000Z',
      bridgeClosedAt: null,
    });
    expect(due.state).not.toBe('DOWNGRADED');
    await app.advanceClock('2026-07-15T16:00:00Z');
    const closed = await escalation(app, id);
    expect(closed.customerContact.bridgeClosedAt).toBe('2026-07-15T15:40:00.000Z');
    expect(closed).toMatchObject({
      state: 'DOWNGRADED',
      downgrade: {
        reason: 'NO_CUSTOMER_REPLY',
        priority: 'HIGH',
        followUpTicket: null,
        at: '2026-07-15T15:40:00.000Z',
      },
    });
    expect(closed.timeline.nodes.map((t: any) => t.type)).toEqual(
      expect.arrayContaining(['CustomerFollowUpDue', 'CustomerBridgeClosed', 'EscalationDowngraded']),
    );
  });

  it('stops the timers when the customer replies', async () => {
    const { id } = await emergency('Runners offline');
    await app.ok(CONTACT, { id }, as('ce-engineer'));
    await app.advanceClock('2026-07-15T16:05:00Z');
    await app.ok(REPLY, { id }, as('ce-engineer'));
    await app.advanceClock('2026-07-15T17:00:00Z');
    const detail = await escalation(app, id);
    expect(detail.customerContact).toMatchObject({ repliedAt: '2026-07-15T16:05:00.000Z', followUpRecordedAt: null });
    expect(detail.state).toBe('OPEN');
  });
});
