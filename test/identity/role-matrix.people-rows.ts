import { type Row, rapidActionRow, membership, withInput } from './role-matrix.support.js';

/** Role-matrix rows: Responders, rotations, weekend slots, projections, tokens, calendar feeds and rapid actions. */
export const PEOPLE_ROWS: Record<string, Row> = {
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
      query: `mutation($input: MarkUnavailableInput!) { markResponderUnavailable(input: $input) { spanId responder { id } } }`,
      variables: {
        input: { responderId: f.alice, start: '2026-08-01T00:00', end: '2026-08-02T00:00', reason: 'leave' },
      },
    }),
  },
  clearResponderUnavailability: {
    allowed: ['admin', 'manager'],
    request: (f) => ({
      query: `mutation($r: ID!, $s: ID!) { clearResponderUnavailability(responderId: $r, spanId: $s) { spanId responder { id } } }`,
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
          first: { shiftStart: '2026-01-01T09:00', timeZone: 'UTC', responderId: f.alice },
          second: { shiftStart: '2026-01-02T09:00', timeZone: 'UTC', responderId: f.bob },
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
  updateResponder: withInput(['admin'], 'updateResponder', 'UpdateResponderInput', (f, n) => ({
    responderId: f.bob,
    name: `Bob ${n}`,
  })),
  deactivateResponder: withInput(['admin'], 'deactivateResponder', 'DeactivateResponderInput', (f) => ({
    responderId: f.bob,
    fromDate: '2099-01-01',
  })),
  updateRotation: withInput(['admin'], 'updateRotation', 'UpdateRotationInput', (f, n) => ({
    rotationId: f.rotationId,
    name: `Matrix ${n}`,
  })),
  changeShiftPattern: withInput(['admin'], 'changeShiftPattern', 'ChangeShiftPatternInput', (f) => ({
    rotationId: f.rotationId,
    fromDate: '2098-01-01',
    pattern: { cycle: 'DAILY', handoffs: [{ time: '10:00' }] },
  })),
  reorderParticipants: withInput(['admin'], 'reorderParticipants', 'ReorderParticipantsInput', (f) => ({
    rotationId: f.rotationId,
    participantIds: [f.bob, f.alice],
  })),
  archiveRotation: withInput(['admin'], 'archiveRotation', 'ArchiveRotationInput', (f) => ({
    rotationId: f.spareRotationId,
  })),
  revokeApiToken: {
    allowed: ['admin'],
    request: (f) => ({
      query: `mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "rotated") { id } }`,
      variables: { t: f.tokenId },
    }),
  },
  // a rotation no role's subject takes part in; an unknown one answers the same (access before lookup)
  createCalendarFeed: {
    allowed: ['admin'],
    request: (f) => ({
      query: `mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { id url } }`,
      variables: { input: { rotationId: f.rotationId } },
    }),
  },
  // alice's feed, created by an admin: no role's subject created it or is shown by it
  revokeCalendarFeed: {
    allowed: ['admin'],
    request: (f) => ({
      query: `mutation($id: ID!) { revokeCalendarFeed(id: $id) { id state } }`,
      variables: { id: f.calendarFeedId },
    }),
  },
};
