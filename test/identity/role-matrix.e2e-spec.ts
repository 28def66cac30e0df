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
  rapidActionId: string;
  criterionId: string;
  escalationId: string;
  pageId: string;
  serviceId: string;
  /** Alice's e-mail methods: one to verify and resend, one to remove. */
  contactMethodId: string;
  removableMethodId: string;
  webhookSubscriptionId: string;
}

interface Row {
  allowed: Role[];
  request: (f: Fixture, n: number, role: Role) => { query: string; variables?: Record<string, unknown> };
}

const ROLES: Role[] = ['admin', 'manager', 'responder', 'viewer', 'integration'];

/** Rapid-action steps act on an action whose DRI is alice: no role's subject is a member of it. */
const rapidActionRow = (
  allowed: Role[],
  mutation: string,
  inputType: string,
  input: (f: Fixture) => Record<string, unknown>,
): Row => ({
  allowed,
  request: (f) => ({
    query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`,
    variables: { input: { rapidActionId: f.rapidActionId, ...input(f) } },
  }),
});

const UNKNOWN_BOUNDARY = '00000000-0000-4000-8000-00000000b0b0';

const onEscalation = (allowed: Role[], mutation: string, args = ''): Row => ({
  allowed,
  request: (f) => ({
    query: `mutation($e: ID!) { ${mutation}(escalationId: $e${args}) { id } }`,
    variables: { e: f.escalationId },
  }),
});

const withInput = (
  allowed: Role[],
  mutation: string,
  inputType: string,
  input: (f: Fixture, n: number) => unknown,
): Row => ({
  allowed,
  request: (f, n) => ({
    query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`,
    variables: { input: input(f, n) },
  }),
});

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
  declareRapidAction: {
    allowed: ['admin', 'manager', 'responder'],
    request: (f, n) => ({
      query: `mutation($input: DeclareRapidActionInput!) { declareRapidAction(input: $input) { id } }`,
      variables: {
        input: {
          title: `Latency ${n}`,
          problemStatement: 'Slow',
          problems: ['p95 up 500%'],
          exitCriteria: [{ description: 'p95 back to normal' }],
          severity: 'S2',
          driId: f.alice,
        },
      },
    }),
  },
  changeRapidActionDri: rapidActionRow(
    ['admin', 'manager'],
    'changeRapidActionDri',
    'ChangeRapidActionDriInput',
    (f) => ({ driId: f.bob }),
  ),
  addRapidActionStakeholder: rapidActionRow(['admin'], 'addRapidActionStakeholder', 'RapidActionMemberInput', (f) => ({
    responderId: f.bob,
  })),
  removeRapidActionStakeholder: rapidActionRow(
    ['admin'],
    'removeRapidActionStakeholder',
    'RapidActionMemberInput',
    (f) => ({ responderId: f.bob }),
  ),
  assignRapidActionSubDri: rapidActionRow(['admin'], 'assignRapidActionSubDri', 'AssignSubDriInput', (f) => ({
    responderId: f.bob,
    scope: { kind: 'TIME_ZONE', description: 'APAC' },
  })),
  releaseRapidActionSubDri: rapidActionRow(['admin'], 'releaseRapidActionSubDri', 'RapidActionMemberInput', (f) => ({
    responderId: f.bob,
  })),
  makeRapidActionPublic: rapidActionRow(['admin'], 'makeRapidActionPublic', 'MakeRapidActionPublicInput', () => ({})),
  reviseRapidAction: rapidActionRow([], 'reviseRapidAction', 'ReviseRapidActionInput', () => ({ title: 'Renamed' })),
  addRapidActionExitCriterion: rapidActionRow([], 'addRapidActionExitCriterion', 'AddExitCriterionInput', () => ({
    description: 'More',
  })),
  rewordRapidActionExitCriterion: rapidActionRow(
    [],
    'rewordRapidActionExitCriterion',
    'RewordExitCriterionInput',
    (f) => ({
      criterionId: f.criterionId,
      description: 'Reworded',
    }),
  ),
  markRapidActionExitCriterionMet: rapidActionRow(
    [],
    'markRapidActionExitCriterionMet',
    'MarkExitCriterionMetInput',
    (f) => ({
      criterionId: f.criterionId,
      evidence: 'graph',
    }),
  ),
  markRapidActionExitCriterionUnmet: rapidActionRow(
    [],
    'markRapidActionExitCriterionUnmet',
    'MarkExitCriterionUnmetInput',
    (f) => ({
      criterionId: f.criterionId,
      reason: 'regressed',
    }),
  ),
  postRapidActionUpdate: rapidActionRow([], 'postRapidActionUpdate', 'PostRapidActionUpdateInput', () => ({
    progressSinceLastUpdate: 'Deployed the fix',
    progressExpectedByNextUpdate: 'Watch the graphs',
  })),
  resolveRapidAction: rapidActionRow([], 'resolveRapidAction', 'ResolveRapidActionInput', () => ({ summary: 'Done' })),
  recordRapidActionFollowUps: rapidActionRow([], 'recordRapidActionFollowUps', 'RecordFollowUpsInput', () => ({
    followUps: [{ description: 'Add an alert' }],
  })),
  recordRapidActionRetrospective: rapidActionRow(
    [],
    'recordRapidActionRetrospective',
    'RecordRetrospectiveInput',
    () => ({
      summary: 'Learned things',
    }),
  ),
  raiseEscalation: withInput(
    ['admin', 'manager', 'responder', 'integration'],
    'raiseEscalation',
    'RaiseEscalationInput',
    (f, n) => ({
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: `Disk filling ${n}`,
      description: '',
      rotationId: f.rotationId,
    }),
  ),
  addEscalationNote: withInput(['admin', 'manager', 'responder'], 'addEscalationNote', 'EscalationNoteInput', (f) => ({
    escalationId: f.escalationId,
    text: 'Restarted the primary',
  })),
  tagEscalation: onEscalation(['admin', 'manager', 'responder'], 'tagEscalation', ', incidentTag: "INC-1"'),
  acknowledgePage: {
    allowed: [],
    request: (f) => ({ query: `mutation($p: ID!) { acknowledgePage(pageId: $p) { id } }`, variables: { p: f.pageId } }),
  },
  resolvePage: {
    allowed: [],
    request: (f) => ({ query: `mutation($p: ID!) { resolvePage(pageId: $p) { id } }`, variables: { p: f.pageId } }),
  },
  mitigateEscalation: onEscalation(['admin', 'manager'], 'mitigateEscalation'),
  recordCustomerContact: onEscalation(['admin', 'manager'], 'recordCustomerContact'),
  recordCustomerReply: onEscalation(['admin', 'manager'], 'recordCustomerReply'),
  qualifyEmergency: withInput(['admin', 'manager'], 'qualifyEmergency', 'QualifyEmergencyInput', (f) => ({
    escalationId: f.escalationId,
    qualification: 'STRICT_DEFINITION',
  })),
  reassignEscalation: withInput(['admin', 'manager'], 'reassignEscalation', 'ReassignEscalationInput', (f) => ({
    escalationId: f.escalationId,
    responderId: f.bob,
  })),
  rerouteEscalation: withInput(['admin', 'manager'], 'rerouteEscalation', 'RerouteEscalationInput', (f) => ({
    escalationId: f.escalationId,
    rotationId: f.rotationId,
  })),
  pageBackupPool: onEscalation(['admin', 'manager'], 'pageBackupPool'),
  resolveEscalation: onEscalation(['admin', 'manager'], 'resolveEscalation'),
  setPresence: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($r: ID!) { setPresence(responderId: $r, status: ONLINE) { status } }`,
      variables: { r: f.alice },
    }),
  },
  setEscalationPolicy: withInput(['admin'], 'setEscalationPolicy', 'EscalationPolicyInput', (f) => ({
    rotationId: f.rotationId,
    steps: [{ layer: 'RESPONDER', rotationId: f.rotationId, ackTimeoutMinutes: 15 }],
  })),
  registerService: withInput(['admin'], 'registerService', 'RegisterServiceInput', (_, n) => ({
    name: `service-${n}`,
  })),
  changeServiceOwnership: withInput(['admin'], 'changeServiceOwnership', 'ServiceOwnershipInput', (f) => ({
    serviceId: f.serviceId,
    owningTeam: 'db',
  })),
  configureHandovers: withInput(['admin'], 'configureHandovers', 'HandoverSettingsInput', (f) => ({
    rotationId: f.rotationId,
    graceMinutes: 20,
  })),
  // Role gates only (an unknown boundary): who may write and accept each item is tested in test/handovers.
  writeHandoverSummary: withInput(
    ['admin', 'manager', 'responder'],
    'writeHandoverSummary',
    'HandoverSummaryInput',
    (f) => ({
      boundaryId: UNKNOWN_BOUNDARY,
      escalationId: f.escalationId,
      status: 'Down',
      tried: 'Restart',
      nextSteps: 'Fail over',
    }),
  ),
  acceptHandover: withInput(['admin', 'manager', 'responder'], 'acceptHandover', 'AcceptHandoverInput', () => ({
    boundaryId: UNKNOWN_BOUNDARY,
  })),
  createIntegrationKey: {
    allowed: ['admin'],
    request: (f, n) => ({
      query: `mutation($input: CreateIntegrationKeyInput!) { createIntegrationKey(input: $input) { integrationKey { id } } }`,
      variables: { input: { name: `monitoring ${n}`, kind: 'EVENTS_V2', rotationId: f.rotationId } },
    }),
  },
  revokeIntegrationKey: {
    allowed: ['admin'],
    request: () => ({
      query: `mutation($id: ID!) { revokeIntegrationKey(id: $id) { id } }`,
      variables: { id: '00000000-0000-4000-8000-0000000000a1' },
    }),
  },
  scheduleMaintenanceWindow: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($input: ScheduleMaintenanceWindowInput!) { scheduleMaintenanceWindow(input: $input) { id } }`,
      variables: {
        input: {
          rotationId: f.rotationId,
          start: '2026-08-01T00:00:00Z',
          end: '2026-08-01T02:00:00Z',
          reason: 'upgrade',
        },
      },
    }),
  },
  endMaintenanceWindow: {
    allowed: ['admin', 'manager'],
    request: () => ({
      query: `mutation($id: ID!) { endMaintenanceWindow(id: $id) { id } }`,
      variables: { id: '00000000-0000-4000-8000-0000000000a2' },
    }),
  },
  // A responder manages their own contact methods and rules, an admin anyone's (alice's here).
  addContactMethod: withInput(['admin'], 'addContactMethod', 'AddContactMethodInput', (f, n) => ({
    responderId: f.alice,
    kind: 'EMAIL',
    address: `alice-${n}@example.com`,
  })),
  setNotificationRules: withInput(['admin'], 'setNotificationRules', 'SetNotificationRulesInput', (f) => ({
    responderId: f.alice,
    rules: [],
  })),
  setOnCallReminder: {
    allowed: ['admin'],
    request: (f) => ({
      query: `mutation($r: ID!) { setOnCallReminder(responderId: $r, minutesBefore: 60) { id } }`,
      variables: { r: f.alice },
    }),
  },
  // Role gates only: someone else's method is NOT_FOUND, as an unknown id (test/notifications/access).
  verifyContactMethod: withInput(
    ['admin', 'manager', 'responder'],
    'verifyContactMethod',
    'VerifyContactMethodInput',
    (f) => ({ contactMethodId: f.contactMethodId, code: '000000' }),
  ),
  resendVerificationCode: {
    allowed: ['admin', 'manager', 'responder'],
    request: (f) => ({
      query: `mutation($id: ID!) { resendVerificationCode(contactMethodId: $id) { id } }`,
      variables: { id: f.contactMethodId },
    }),
  },
  removeContactMethod: {
    allowed: ['admin', 'manager', 'responder'],
    request: (f) => ({
      query: `mutation($id: ID!) { removeContactMethod(id: $id) }`,
      variables: { id: f.removableMethodId },
    }),
  },
  // 203.0.113.0/24 is a documentation range: a public address that needs no DNS.
  createWebhookSubscription: withInput(
    ['admin'],
    'createWebhookSubscription',
    'CreateWebhookSubscriptionInput',
    (_, n) => ({
      name: `Bridge ${n}`,
      url: `https://203.0.113.10/hooks/${n}`,
      eventKinds: ['HANDOVER'],
    }),
  ),
  deleteWebhookSubscription: {
    allowed: ['admin'],
    request: (f) => ({
      query: `mutation($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`,
      variables: { id: f.webhookSubscriptionId },
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

const UNKNOWN = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function unknownFixture(): Fixture {
  const overrideIds = Object.fromEntries(ROLES.map((role, i) => [role, UNKNOWN(100 + i)])) as Record<Role, string>;
  return {
    alice: UNKNOWN(1),
    bob: UNKNOWN(2),
    rotationId: UNKNOWN(3),
    overrideIds,
    spanId: UNKNOWN(4),
    tokenId: UNKNOWN(5),
    roundId: UNKNOWN(6),
    slotId: UNKNOWN(7),
    rapidActionId: UNKNOWN(8),
    criterionId: UNKNOWN(9),
    escalationId: UNKNOWN(10),
    pageId: UNKNOWN(11),
    serviceId: UNKNOWN(12),
    contactMethodId: UNKNOWN(13),
    removableMethodId: UNKNOWN(14),
    webhookSubscriptionId: UNKNOWN(15),
  };
}

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
      `mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id pages { id } } }`,
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
    fixture = {
      roundId: round.publishWeekendSlots.id,
      slotId: round.publishWeekendSlots.slots[0].id,
      escalationId: raised.raiseEscalation.id,
      pageId: raised.raiseEscalation.pages[0].id,
      serviceId: service.registerService.id,
      contactMethodId: method.addContactMethod.id,
      removableMethodId: removable.addContactMethod.id,
      webhookSubscriptionId: webhook.createWebhookSubscription.subscription.id,
      rapidActionId: action.declareRapidAction.id,
      criterionId: action.declareRapidAction.exitCriteria[0].id,
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
