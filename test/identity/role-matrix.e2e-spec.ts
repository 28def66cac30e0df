import type { Role } from '@app/core';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type GraphQLClient, type TestApp } from '../support/test-app.js';

/**
 * Every mutation against every role: allowed, or FORBIDDEN. The rows act on other people's
 * things (a responder acting on their own shifts is covered by its own tests). A mutation added to
 * the schema without a row here fails the coverage check at the end.
 */
interface Fixture {
  alice: string;
  bob: string;
  rotationId: string;
  /** One override per role, so that one role's cancellation does not change what the next one meets. */
  overrideIds: Record<Role, string>;
  spanId: string;
  tokenId: string;
  roundId: string;
  slotId: string;
}

interface Row {
  allowed: Role[];
  request: (f: Fixture, n: number, role: Role) => { query: string; variables?: Record<string, unknown> };
}

const ROLES: Role[] = ['admin', 'manager', 'responder', 'viewer', 'integration'];

const membership = (name: string) => (f: Fixture, n: number) => ({
  query: `mutation($input: RotationMembershipInput!) { ${name}(input: $input) { id } }`,
  variables: { input: { rotationId: f.rotationId, responderId: f.bob, from: `2027-0${1 + (n % 9)}-01T00:00:00Z` } },
});

export const MATRIX: Record<string, Row> = {
  registerResponder: {
    allowed: ['admin'],
    request: (_, n) => ({
      query: `mutation($input: RegisterResponderInput!) { registerResponder(input: $input) { id } }`,
      variables: { input: { name: `New ${n}`, handle: `new-${n}`, timeZone: 'UTC', team: 'db', role: 'ENGINEER' } },
    }),
  },
  setOnCallRestriction: {
    allowed: ['admin'],
    request: (f, n) => ({
      query: `mutation($input: SetOnCallRestrictionInput!) { setOnCallRestriction(input: $input) { id } }`,
      variables: { input: { responderId: f.bob, restricted: n % 2 === 0, reason: 'local law' } },
    }),
  },
  markResponderUnavailable: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($input: MarkUnavailableInput!) { markResponderUnavailable(input: $input) { id } }`,
      variables: {
        input: { responderId: f.alice, start: '2026-08-01T00:00', end: '2026-08-02T00:00', reason: 'leave' },
      },
    }),
  },
  clearResponderUnavailability: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($r: ID!, $s: ID!) { clearResponderUnavailability(responderId: $r, spanId: $s) { id } }`,
      variables: { r: f.alice, s: f.spanId },
    }),
  },
  createRotation: {
    allowed: ['admin'],
    request: (f, n) => ({
      query: `mutation($input: CreateRotationInput!) { createRotation(input: $input) { id } }`,
      variables: {
        input: {
          name: `R${n}`,
          team: 'db',
          timeZone: 'UTC',
          startDate: '2026-01-01',
          pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
          participantIds: [f.alice],
        },
      },
    }),
  },
  addRotationParticipant: { allowed: ['admin'], request: membership('addRotationParticipant') },
  removeRotationParticipant: { allowed: ['admin'], request: membership('removeRotationParticipant') },
  addRotationShadow: { allowed: ['admin'], request: membership('addRotationShadow') },
  removeRotationShadow: { allowed: ['admin'], request: membership('removeRotationShadow') },
  scheduleOverride: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`,
      variables: {
        input: {
          rotationId: f.rotationId,
          responderId: f.bob,
          replacesResponderId: f.alice,
          start: '2026-01-03T10:00',
          end: '2026-01-03T12:00',
          timeZone: 'UTC',
        },
      },
    }),
  },
  cancelOverride: {
    allowed: ['admin', 'manager'],
    request: (f, _, role) => ({
      query: `mutation($r: ID!, $o: ID!) { cancelOverride(rotationId: $r, overrideId: $o) { id } }`,
      variables: { r: f.rotationId, o: f.overrideIds[role] },
    }),
  },
  swapShifts: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($input: SwapShiftsInput!) { swapShifts(input: $input) { id } }`,
      variables: {
        input: {
          rotationId: f.rotationId,
          first: { shiftStart: '2026-01-01T09:00:00Z', responderId: f.alice },
          second: { shiftStart: '2026-01-02T09:00:00Z', responderId: f.bob },
        },
      },
    }),
  },
  publishWeekendSlots: {
    allowed: ['admin', 'manager'],
    request: (f, n) => {
      const day = new Date(Date.UTC(2028, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      return {
        query: `mutation($input: PublishSlotRoundInput!) { publishWeekendSlots(input: $input) { id } }`,
        variables: {
          input: {
            rotationId: f.rotationId,
            title: `Weekend ${n}`,
            timeZone: 'UTC',
            slots: [{ start: `${day}T00:00`, end: `${day}T08:00` }],
            volunteerDeadline: '2027-12-01T00:00',
          },
        },
      };
    },
  },
  volunteerForSlot: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($input: SlotVolunteerInput!) { volunteerForSlot(input: $input) { id } }`,
      variables: { input: { roundId: f.roundId, slotId: f.slotId, responderId: f.bob } },
    }),
  },
  withdrawFromSlot: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($input: SlotVolunteerInput!) { withdrawFromSlot(input: $input) { id } }`,
      variables: { input: { roundId: f.roundId, slotId: f.slotId, responderId: f.bob } },
    }),
  },
  rebuildProjection: {
    allowed: ['admin'],
    request: () => ({ query: `mutation { rebuildProjection(name: "event-history") { name } }` }),
  },
  issueApiToken: {
    allowed: ['admin'],
    request: (_, n) => ({
      query: `mutation($input: IssueApiTokenInput!) { issueApiToken(input: $input) { apiToken { id } } }`,
      variables: {
        input: {
          subjectKind: 'INTEGRATION',
          subject: `monitoring-${n}`,
          role: 'INTEGRATION',
          label: 'alerts',
          expiresInDays: 30,
        },
      },
    }),
  },
  revokeApiToken: {
    allowed: ['admin'],
    request: (f) => ({
      query: `mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "rotated") { id } }`,
      variables: { t: f.tokenId },
    }),
  },
};

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
    const overrideIds = {} as Record<Role, string>;
    for (const [i, role] of ROLES.entries()) {
      const override = await app.ok(
        `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { overrides { id } } }`,
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
      overrideIds[role] = override.scheduleOverride.overrides.at(-1).id;
    }
    const span = await app.ok(
      `mutation($input: MarkUnavailableInput!) { markResponderUnavailable(input: $input) { unavailability { spanId } } }`,
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
    fixture = {
      roundId: round.publishWeekendSlots.id,
      slotId: round.publishWeekendSlots.slots[0].id,
      alice,
      bob,
      rotationId,
      overrideIds,
      spanId: span.markResponderUnavailable.unavailability[0].spanId,
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

  it('covers every mutation of the schema', async () => {
    const schema = await app.ok(`{ __schema { mutationType { fields { name } } } }`);
    const mutations = schema.__schema.mutationType.fields.map((f: { name: string }) => f.name).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(mutations);
  });

  it('lets integrations read nothing, and everyone else read the dashboards', async () => {
    const query = `{ rotations { id } }`;
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
