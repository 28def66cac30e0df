import type { Role } from '@app/core';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type GraphQLClient, type TestApp } from '../support/test-app.js';
import { INCIDENT_ROWS } from './role-matrix.incident-rows.js';
import { PEOPLE_ROWS } from './role-matrix.people-rows.js';
import { type Fixture, type Row, ROLES, unknownFixture } from './role-matrix.support.js';

/**
 * Every mutation against every role: allowed, or FORBIDDEN. The rows act on other people's
 * things (a responder acting on their own shifts is covered by its own tests). A mutation added to
 * the schema without a row here fails the coverage check at the end.
 */

export const MATRIX: Record<string, Row> = { ...PEOPLE_ROWS, ...INCIDENT_ROWS };

/** Refusals that depend on the thing itself (its DRI, its recipients): its readers learn it is not there. */
const MEMBERS_ONLY: Role[] = ['admin', 'manager', 'responder'];
const MAY_BE_TOLD_NOT_FOUND: Record<string, Role[]> = Object.fromEntries(
  [
    'cancelOverride',
    ...Object.keys(MATRIX).filter((name) => /RapidAction/.test(name) && name !== 'declareRapidAction'),
    'acknowledgePage',
    'resolvePage',
    'mitigateEscalation',
    'resolveEscalation',
    'recordCustomerContact',
    'recordCustomerReply',
    'qualifyEmergency',
    'reassignEscalation',
    'rerouteEscalation',
  ].map((name) => [name, MEMBERS_ONLY]),
);

describe('role matrix: every mutation against every role (over HTTP)', () => {
  let app: TestApp;
  let fixture: Fixture;
  const clients = {} as Record<Role, GraphQLClient>;

  beforeAll(async () => {
    app = await startTestApp();
    const alice = await registerResponder(app, { handle: 'matrix-alice', timeZone: 'UTC' });
    const bob = await registerResponder(app, { handle: 'matrix-bob', timeZone: 'UTC' });
    const carol = await registerResponder(app, { handle: 'matrix-carol', timeZone: 'UTC' });
    const rotationId = await createRotation(app, {
      name: 'Matrix',
      timeZone: 'UTC',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [alice, bob],
    });
    const spareRotationId = await createRotation(app, {
      name: 'Matrix spare',
      timeZone: 'UTC',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [alice],
    });
    const overrideIds = {} as Record<Role, string>;
    for (const [i, role] of ROLES.entries()) {
      const override = await app.ok(
        `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`,
        {
          input: {
            rotationId,
            responderId: bob,
            start: `2026-01-0${5 + i}T10:00`,
            end: `2026-01-0${5 + i}T11:00`,
            timeZone: 'UTC',
          },
        },
      );
      overrideIds[role] = override.scheduleOverride.id;
    }
    const span = await app.ok(
      `mutation($input: MarkUnavailableInput!) { markResponderUnavailable(input: $input) { spanId } }`,
      { input: { responderId: alice, start: '2026-09-01T00:00', end: '2026-09-02T00:00', reason: 'leave' } },
    );
    const token = await app.ok(
      `mutation { issueApiToken(input: { subjectKind: INTEGRATION, subject: "pager", role: INTEGRATION, label: "x", expiresInDays: 1 }) { apiToken { id } } }`,
    );
    const round = await app.ok(
      `mutation($input: PublishSlotRoundInput!) { publishWeekendSlots(input: $input) { id slots { id } } }`,
      {
        input: {
          rotationId,
          title: 'Matrix weekend',
          timeZone: 'UTC',
          slots: [{ start: '2026-12-05T00:00', end: '2026-12-05T08:00' }],
          volunteerDeadline: '2026-11-01T00:00',
        },
      },
    );
    const action = await app.ok(
      `mutation($input: DeclareRapidActionInput!) { declareRapidAction(input: $input) { id exitCriteria { id } } }`,
      {
        input: {
          title: 'Search latency',
          problemStatement: 'Search is slow',
          problems: ['p95 latency up 500%'],
          exitCriteria: [{ description: 'p95 below 600 ms' }],
          severity: 'S1',
          driId: alice,
        },
      },
    );
    const raised = await app.ok(
      `mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id pages { nodes { id } } } }`,
      { input: { source: 'SUPPORT', severity: 'S2', title: 'Checkout down', description: '', rotationId } },
    );
    const service = await app.ok(`mutation { registerService(input: { name: "search" }) { id } }`);
    const addMethod = (address: string) =>
      app.ok(`mutation($input: AddContactMethodInput!) { addContactMethod(input: $input) { id } }`, {
        input: { responderId: alice, kind: 'EMAIL', address },
      });
    const method = await addMethod('alice@example.com');
    const removable = await addMethod('alice.old@example.com');
    const webhook = await app.ok(
      `mutation { createWebhookSubscription(input: { name: "matrix", url: "https://203.0.113.10/matrix", eventKinds: [HANDOVER] }) { subscription { id } } }`,
    );
    const feed = await app.ok(`mutation($r: ID!) { createCalendarFeed(input: { responderId: $r }) { id } }`, {
      r: alice,
    });
    fixture = {
      calendarFeedId: feed.createCalendarFeed.id,
      roundId: round.publishWeekendSlots.id,
      slotId: round.publishWeekendSlots.slots[0].id,
      escalationId: raised.raiseEscalation.id,
      pageId: raised.raiseEscalation.pages.nodes[0].id,
      serviceId: service.registerService.id,
      contactMethodId: method.addContactMethod.id,
      removableMethodId: removable.addContactMethod.id,
      webhookSubscriptionId: webhook.createWebhookSubscription.subscription.id,
      rapidActionId: action.declareRapidAction.id,
      criterionId: action.declareRapidAction.exitCriteria[0].id,
      alice,
      bob,
      rotationId,
      spareRotationId,
      overrideIds,
      spanId: span.markResponderUnavailable.spanId,
      tokenId: token.issueApiToken.apiToken.id,
    };
    clients.admin = app;
    clients.manager = await app.as('manager', 'matrix-manager');
    clients.responder = await app.as('responder', carol);
    clients.viewer = await app.as('viewer', 'matrix-viewer');
    clients.integration = await app.as('integration', 'matrix-integration');
  });

  afterAll(() => app.close());

  let n = 0;
  const cases = Object.entries(MATRIX).flatMap(([mutation, row]) =>
    ROLES.map((role) => [mutation, role, row] as const),
  );

  it.each(cases)('%s as %s', async (_mutation, role, row) => {
    const before = await app.store.headPosition();
    const { query, variables } = row.request(fixture, n++, role);
    const response = await clients[role].gql(query, variables);
    const codes = (response.errors ?? []).map((e) => e.extensions.code);
    if (row.allowed.includes(role)) {
      expect(codes).not.toContain('FORBIDDEN');
      expect(codes).not.toContain('UNAUTHENTICATED');
    } else {
      expect(codes).toEqual(['FORBIDDEN']);
      expect(await app.store.headPosition()).toBe(before);
    }
  });

  /**
   * Access before lookup: every id unknown. A role refused at the token-role level is told
   * FORBIDDEN whatever it names, so the answer cannot tell it what exists. Only a caller who may
   * read the thing anyway (a responder or admin acting on a page or a rapid action it is no member
   * of) may be told NOT_FOUND instead.
   */
  const unknownCases = Object.entries(MATRIX).flatMap(([mutation, row]) =>
    ROLES.filter((role) => !row.allowed.includes(role)).map((role) => [mutation, role, row] as const),
  );
  it.each(unknownCases)('%s as %s with unknown ids', async (mutation, role, row) => {
    const before = await app.store.headPosition();
    const { query, variables } = row.request(unknownFixture(), n++, role);
    const response = await clients[role].gql(query, variables);
    const codes = (response.errors ?? []).map((e) => e.extensions.code);
    expect(codes).toEqual([MAY_BE_TOLD_NOT_FOUND[mutation]?.includes(role) ? 'NOT_FOUND' : 'FORBIDDEN']);
    expect(await app.store.headPosition()).toBe(before);
  });

  it('covers every mutation of the schema', async () => {
    const schema = await app.ok(`{ __schema { mutationType { fields { name } } } }`);
    const mutations = schema.__schema.mutationType.fields.map((f: { name: string }) => f.name).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(mutations);
  });

  it('lets integrations read nothing, and everyone else read the dashboards', async () => {
    const query = `{ rotations { nodes { id } } }`;
    for (const role of ['admin', 'manager', 'responder', 'viewer'] as Role[]) {
      expect((await clients[role].gql(query)).errors).toBeUndefined();
    }
    expect((await clients.integration.gql(query)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lets a responder override and swap their own shifts only', async () => {
    const alice = await app.as('responder', fixture.alice);
    const own = await alice.gql(MATRIX.scheduleOverride.request(fixture, 0, 'responder').query, {
      input: {
        rotationId: fixture.rotationId,
        responderId: fixture.alice,
        start: '2026-01-04T10:00',
        end: '2026-01-04T11:00',
        timeZone: 'UTC',
      },
    });
    expect(own.errors).toBeUndefined();
    const unavailable = await alice.gql(MATRIX.markResponderUnavailable.request(fixture, 0, 'responder').query, {
      input: { responderId: fixture.alice, start: '2026-10-01T00:00', end: '2026-10-02T00:00', reason: 'leave' },
    });
    expect(unavailable.errors).toBeUndefined();
    const others = await alice.gql(MATRIX.markResponderUnavailable.request(fixture, 0, 'responder').query, {
      input: { responderId: fixture.bob, start: '2026-10-01T00:00', end: '2026-10-02T00:00', reason: 'leave' },
    });
    expect(others.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
