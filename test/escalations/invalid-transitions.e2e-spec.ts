import { ACKNOWLEDGE, OPEN_ESCALATIONS, RAISE, as, raise } from '../support/escalations.fixtures.js';
import { RESOLVE_ESCALATION } from '../support/escalation-scenarios.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOTE = `mutation($input: EscalationNoteInput!) { addEscalationNote(input: $input) { id } }`;
const QUALIFY = `mutation($input: QualifyEmergencyInput!) { qualifyEmergency(input: $input) { id state } }`;
const MITIGATE = `mutation($id: ID!) { mitigateEscalation(escalationId: $id) { id state } }`;
const CONTACT = `mutation($id: ID!) { recordCustomerContact(escalationId: $id) { id } }`;

describe('invalid escalation steps get a typed error and append nothing (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  let resolvedPageId: string;
  let resolvedId: string;
  let openId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const oncall = await registerResponder(app, { handle: 'inv-oncall' });
    await registerResponder(app, { handle: 'inv-bystander' });
    rotationId = await createRotation(app, {
      name: 'Invalid transitions',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
      participantIds: [oncall],
    });
    const resolved = await raise(app, { source: 'SUPPORT', severity: 'S3', title: 'Resolved quickly', rotationId });
    resolvedId = resolved.id;
    resolvedPageId = resolved.pages.nodes[0].id;
    await app.ok(RESOLVE_ESCALATION, { id: resolvedId }, as('inv-oncall'));
    openId = (await raise(app, { source: 'INFRASTRUCTURE', severity: 'S2', title: 'Still open', rotationId })).id;
  });

  afterAll(() => app.close());

  async function rejected(query: string, variables: Record<string, unknown>, actor = 'inv-oncall') {
    await app.gql('{ __typename }', {}, as(actor)); // the actor's token is issued on first use: before counting
    const before = await app.store.headPosition();
    const response = await app.gql(query, variables, as(actor));
    expect(await app.store.headPosition()).toBe(before);
    expect(response.errors).toHaveLength(1);
    return response.errors![0];
  }

  it('acknowledging a page of a resolved escalation: CONFLICT', async () => {
    const error = await rejected(ACKNOWLEDGE, { pageId: resolvedPageId });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', state: 'RESOLVED', escalationId: resolvedId });
    expect(error.message).toMatch(/resolved/);
  });

  it('resolving it again: answered like the first (its current state), appending nothing', async () => {
    const before = await app.store.headPosition();
    const again = await app.ok(RESOLVE_ESCALATION, { id: resolvedId }, as('inv-oncall'));
    expect(again.resolveEscalation).toEqual({ id: resolvedId, state: 'RESOLVED' });
    expect(await app.store.headPosition()).toBe(before);
  });

  it('a note on an unknown escalation: NOT_FOUND', async () => {
    const error = await rejected(NOTE, {
      input: { escalationId: '00000000-0000-4000-8000-000000000000', text: 'hello' },
    });
    expect(error.extensions).toEqual({
      code: 'NOT_FOUND',
      entity: 'Escalation',
      id: '00000000-0000-4000-8000-000000000000',
    });
  });

  it('acknowledging someone else’s page: FORBIDDEN', async () => {
    const open = (await app.ok(`query($id: ID!) { escalation(id: $id) { pages { nodes { id } } } }`, { id: openId }))
      .escalation;
    const error = await rejected(ACKNOWLEDGE, { pageId: open.pages.nodes[0].id }, 'inv-bystander');
    expect(error.extensions.code).toBe('FORBIDDEN');
  });

  it('an integration (not a registered responder) changing an escalation: FORBIDDEN', async () => {
    const error = await rejected(MITIGATE, { id: openId }, 'somebody-else');
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(error.message).toBe('An integration may not change escalations');
  });

  it('acknowledging an unknown page: NOT_FOUND', async () => {
    const error = await rejected(ACKNOWLEDGE, { pageId: '00000000-0000-4000-8000-000000000001' });
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Page' });
  });

  it('qualifying an escalation that is not a customer emergency: CONFLICT', async () => {
    const error = await rejected(QUALIFY, { input: { escalationId: openId, qualification: 'STRICT_DEFINITION' } });
    expect(error.extensions.code).toBe('CONFLICT');
  });

  it('tracking customer contact on an infrastructure escalation: CONFLICT', async () => {
    const error = await rejected(CONTACT, { id: openId });
    expect(error.extensions.code).toBe('CONFLICT');
  });

  it('a downgrade without its follow-up ticket: BAD_USER_INPUT naming the field', async () => {
    const emergency = await raise(app, {
      source: 'CUSTOMER_EMERGENCY',
      severity: 'S1',
      title: 'Maybe an emergency',
      rotationId,
    });
    const error = await rejected(QUALIFY, { input: { escalationId: emergency.id, qualification: 'NOT_AN_EMERGENCY' } });
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'followUpTicket' });
  });

  it('raising for an unknown rotation: NOT_FOUND; without any rotation or service: BAD_USER_INPUT', async () => {
    const unknown = await rejected(RAISE, {
      input: {
        source: 'SUPPORT',
        severity: 'S3',
        title: 'x',
        description: '',
        rotationId: '00000000-0000-4000-8000-000000000002',
      },
    });
    expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Rotation' });
    const missing = await rejected(RAISE, {
      input: { source: 'SUPPORT', severity: 'S3', title: 'x', description: '' },
    });
    expect(missing.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rotationId' });
  });

  it('a bad title or severity: BAD_USER_INPUT naming the field', async () => {
    const long = await rejected(RAISE, {
      input: { source: 'SUPPORT', severity: 'S3', title: 'x'.repeat(201), description: '', rotationId },
    });
    expect(long.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
    const severity = await app.gql(RAISE, {
      input: { source: 'SUPPORT', severity: 'S9', title: 'x', description: '', rotationId },
    });
    expect(severity.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a page size over 100 or a cursor that is not ours: BAD_USER_INPUT', async () => {
    const tooMany = await app.gql(OPEN_ESCALATIONS, { first: 101 });
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await app.gql(OPEN_ESCALATIONS, { after: 'not-a-cursor' });
    expect(badCursor.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
