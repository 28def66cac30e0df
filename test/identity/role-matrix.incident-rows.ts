import { type Row, UNKNOWN, UNKNOWN_BOUNDARY, onEscalation, withInput } from './role-matrix.support.js';

/** Role-matrix rows: Escalations, handovers, integration keys, maintenance windows, contact methods and webhook subscriptions. */
export const INCIDENT_ROWS: Record<string, Row> = {
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
      query: `mutation($r: ID!) { setPresence(responderId: $r, state: ONLINE) { state } }`,
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
  // Role gates only (an unknown escalation, an unknown rotation): the clock and who is on call are tested in test/handovers.
  draftHandoverSummary: withInput(
    ['admin', 'manager', 'responder'],
    'draftHandoverSummary',
    'HandoverDraftInput',
    (f) => ({
      rotationId: f.rotationId,
      escalationId: UNKNOWN(900),
      status: 'Down',
      tried: 'Restart',
      nextSteps: 'Fail over',
    }),
  ),
  endShiftNow: withInput(['admin', 'manager'], 'endShiftNow', 'EndShiftNowInput', (f) => ({
    rotationId: UNKNOWN(901),
    responderId: f.alice,
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
      query: `mutation($id: ID!) { removeContactMethod(id: $id) { id } }`,
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
};
