import { ACKNOWLEDGE, as, escalation, raise, setPolicy } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PAGE_BACKUP_POOL = `
  mutation Pool($id: ID!) { pageBackupPool(escalationId: $id) { id pages { nodes { id layer trigger state recipients { handle } } } } }`;

/**
 * Two customer emergencies at once. The engineer on call is already DRI of the first, so the
 * second goes to the support manager on call, who pulls in the backup pool; two volunteers
 * acknowledge at the same moment and exactly one acknowledgement is kept.
 */
describe('two emergencies at once (over HTTP)', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  let emergencyRotation: string;
  let firstId: string;
  let secondId: string;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-15T12:00:00Z');
    ids.ce = await registerResponder(app, { handle: 'ce-oncall' });
    ids.manager = await registerResponder(app, {
      handle: 'support-manager',
      role: 'MANAGER',
      team: 'support-managers',
    });
    ids.bk1 = await registerResponder(app, { handle: 'backup-1' });
    ids.bk2 = await registerResponder(app, { handle: 'backup-2' });
    emergencyRotation = await createRotation(app, {
      name: 'Customer emergencies',
      timeZone: 'America/New_York',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
      participantIds: [ids.ce],
    });
    const managers = await createRotation(app, {
      name: 'Support managers',
      team: 'support-managers',
      timeZone: 'America/New_York',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '00:00' }] },
      participantIds: [ids.manager],
    });
    await setPolicy(app, {
      rotationId: emergencyRotation,
      steps: [
        { layer: 'RESPONDER', rotationId: emergencyRotation, ackTimeoutMinutes: 15 },
        { layer: 'MANAGER', rotationId: managers, ackTimeoutMinutes: 15 },
      ],
      backupPoolIds: [ids.bk1, ids.bk2],
    });
  });

  afterAll(() => app.close());

  it('pages the engineer on call for the first emergency', async () => {
    const first = await raise(app, {
      source: 'CUSTOMER_EMERGENCY',
      severity: 'S1',
      title: 'Customer A: production down',
      rotationId: emergencyRotation,
    });
    firstId = first.id;
    expect(first.pages.nodes[0].recipients).toEqual([{ handle: 'ce-oncall' }]);
    await app.ok(ACKNOWLEDGE, { pageId: first.pages.nodes[0].id }, as('ce-oncall'));
  });

  it('sends the second emergency to the manager on call, saying why', async () => {
    await app.advanceClock('2026-07-15T12:05:00Z');
    const second = await raise(app, {
      source: 'CUSTOMER_EMERGENCY',
      severity: 'S2',
      title: 'Customer B: pipelines stuck',
      rotationId: emergencyRotation,
    });
    secondId = second.id;
    expect(second.pages.nodes).toEqual([
      expect.objectContaining({
        step: 2,
        layer: 'MANAGER',
        trigger: 'RAISED',
        recipients: [{ handle: 'support-manager' }],
        skippedSteps: [{ step: 1, layer: 'RESPONDER', reason: 'RESPONDER_BUSY', busyWithEscalationId: firstId }],
      }),
    ]);
  });

  it('lets the manager pull in the backup pool; one page reaches every volunteer', async () => {
    const current = await escalation(app, secondId);
    await app.ok(ACKNOWLEDGE, { pageId: current.pages.nodes[0].id }, as('support-manager'));
    const forbidden = await app.gql(PAGE_BACKUP_POOL, { id: secondId }, as('ce-oncall'));
    expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const paged = (await app.ok(PAGE_BACKUP_POOL, { id: secondId }, as('support-manager'))).pageBackupPool;
    expect(paged.pages.nodes.at(-1)).toEqual(
      expect.objectContaining({
        layer: 'BACKUP_POOL',
        trigger: 'BACKUP_POOL_REQUESTED',
        state: 'TRIGGERED',
        recipients: [{ handle: 'backup-1' }, { handle: 'backup-2' }],
      }),
    );
  });

  it('keeps exactly one acknowledgement when two volunteers acknowledge at once', async () => {
    const pool = (await escalation(app, secondId)).pages.nodes.at(-1);
    const answers = await Promise.all([
      app.gql(ACKNOWLEDGE, { pageId: pool.id }, as('backup-1')),
      app.gql(ACKNOWLEDGE, { pageId: pool.id }, as('backup-2')),
    ]);
    const succeeded = answers.filter((a) => !a.errors);
    const refused = answers.filter((a) => a.errors);
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', state: 'ACKNOWLEDGED' });
    const winner = succeeded[0].data.acknowledgePage.acknowledgedBy.handle;
    // the refusal names who acknowledged it, in words and in its extension
    const winnerName = (await app.ok(`{ responders(first: 100) { nodes { handle name id } } }`)).responders.nodes.find(
      (r: { handle: string }) => r.handle === winner,
    );
    expect(refused[0].errors![0].message).toMatch(new RegExp(`is already acknowledged by ${winnerName.name}$`));
    expect(refused[0].errors![0].extensions.acknowledgedBy).toEqual({
      id: winnerName.id,
      kind: 'RESPONDER',
      name: winnerName.name,
    });
    const stored = await app.store.readStream(`escalation-${secondId}`);
    const acknowledgements = stored.filter((e) => e.type === 'PageAcknowledged' && e.data.pageId === pool.id);
    expect(acknowledgements).toHaveLength(1);
    const after = await escalation(app, secondId);
    expect(after.dri.handle).toBe(winner);
  });

  it('still has the first engineer as DRI of the first emergency', async () => {
    expect((await escalation(app, firstId)).dri.handle).toBe('ce-oncall');
  });
});
