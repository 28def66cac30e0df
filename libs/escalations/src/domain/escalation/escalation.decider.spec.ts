import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deterministicId } from '@app/event-store/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { escalationDecider, type EscalationCommand } from './escalation.decider.js';
import type { EscalationEvent, EscalationRaisedData, ResponderPagedData } from './escalation.events.js';
import { defaultPolicy } from './escalation.types.js';
import type { StepFacts } from './paging.js';

const spec = deciderSpecification(escalationDecider);
const T0 = '2026-07-15T10:00:00.000Z';
const escalationId = 'e1';

const policy = {
  ...defaultPolicy('dev'),
  steps: [
    { layer: 'RESPONDER' as const, rotationId: 'dev', ackTimeoutMinutes: 15 },
    { layer: 'MANAGER' as const, rotationId: 'managers', ackTimeoutMinutes: 20 },
  ],
};

const raisedData: EscalationRaisedData = {
  escalationId,
  source: 'CUSTOMER_EMERGENCY',
  severity: 'S1',
  kind: null,
  title: 'Down',
  description: '',
  links: [],
  rotationId: 'dev',
  serviceId: null,
  routedToServiceOwner: false,
  incidentTag: null,
  raisedAt: T0,
  raisedBy: 'infra',
  policy,
};

const candidate = (responderId: string) => ({
  responderId,
  online: true,
  lastEscalatedAt: null,
  busyWith: null,
  isDri: false,
});

const paging: StepFacts[] = [
  {
    step: 0,
    layer: 'RESPONDER',
    rotationId: 'dev',
    source: 'ON_CALL',
    candidates: [candidate('ana')],
    shadowIds: [],
    ackTimeoutMinutes: 15,
  },
  {
    step: 1,
    layer: 'MANAGER',
    rotationId: 'managers',
    source: 'ON_CALL',
    candidates: [candidate('mona')],
    shadowIds: [],
    ackTimeoutMinutes: 20,
  },
];

function paged(pageId: string, recipient: string, step: number, at = T0, deadlineMinutes = 15): EscalationEvent {
  const data: ResponderPagedData = {
    escalationId,
    pageId,
    kind: 'POLICY_STEP',
    trigger: step === 0 ? 'RAISED' : 'ACK_TIMEOUT',
    step,
    layer: step === 0 ? 'RESPONDER' : 'MANAGER',
    rotationId: step === 0 ? 'dev' : 'managers',
    recipients: [recipient],
    shadowIds: [],
    pagedAt: at,
    ackDeadline: new Date(Date.parse(at) + deadlineMinutes * 60_000).toISOString(),
    ackSloSeconds: 900,
    selection: { rule: 'ON_CALL', candidates: [{ ...candidate(recipient), chosen: true }] },
    skippedSteps: [],
  };
  return { type: 'ResponderPaged', data };
}

const raised: EscalationEvent = { type: 'EscalationRaised', data: raisedData };
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const ack = (responderId: string, minutes: number): EscalationCommand => ({
  type: 'AcknowledgePage',
  escalationId,
  pageId: 'p1',
  responderId,
  at: at(minutes),
});

describe('escalation decider', () => {
  it('raises an escalation and pages the first step', () => {
    spec
      .given([])
      .when({ type: 'Raise', pageId: 'p1', paging, ...raisedData })
      .then([raised, paged('p1', 'ana', 0)]);
  });

  it('records the acknowledgement against the SLO and makes the acknowledger DRI', () => {
    spec
      .given([raised, paged('p1', 'ana', 0)])
      .when(ack('ana', 5))
      .then([
        {
          type: 'PageAcknowledged',
          data: {
            escalationId,
            pageId: 'p1',
            responderId: 'ana',
            at: at(5),
            secondsToAcknowledge: 300,
            ackSloSeconds: 900,
            withinSlo: true,
          },
        },
        {
          type: 'DriAssigned',
          data: {
            escalationId,
            driId: 'ana',
            previousDriId: null,
            reason: 'ACKNOWLEDGED',
            at: at(5),
            by: 'ana',
            boundaryId: null,
            note: null,
          },
        },
      ]);
  });

  it('treats a repeated acknowledgement by the same responder as done, and refuses another responder', () => {
    const acknowledged = [
      raised,
      paged('p1', 'ana', 0),
      ...escalationDecider.decide(ack('ana', 5), fold([raised, paged('p1', 'ana', 0)])),
    ];
    spec.given(acknowledged).when(ack('ana', 6)).then([]);
    spec
      .given(acknowledged)
      .when(ack('ben', 6))
      .thenThrows(ConflictError, (e) => expect(e.details).toMatchObject({ acknowledgedBy: 'ana' }));
  });

  it('refuses to acknowledge a page of a resolved escalation', () => {
    spec
      .given([
        raised,
        paged('p1', 'ana', 0),
        { type: 'EscalationResolved', data: { escalationId, at: at(1), by: 'x', note: null } },
      ])
      .when(ack('ana', 2))
      .thenThrows(ConflictError, (e) => expect(e.details).toEqual({ escalationId, state: 'RESOLVED' }));
  });

  it('says NOT_FOUND for a note on an unknown escalation', () => {
    spec
      .given([])
      .when({ type: 'AddNote', escalationId, noteId: 'n', kind: 'TRIED', text: 'x', author: 'a', at: T0 })
      .thenThrows(NotFoundError);
  });

  it('moves an unacknowledged page to the next step, with ids derived from the step', () => {
    const stepId = 'ack-timeout:p1';
    spec
      .given([raised, paged('p1', 'ana', 0)])
      .when({ type: 'TimeOutPage', escalationId, pageId: 'p1', stepId, at: at(15), paging })
      .thenMatches((events) => {
        expect(events.map((e) => [e.type, e.id])).toEqual([
          ['PageTimedOut', deterministicId(stepId, 'timed-out')],
          ['ResponderPaged', deterministicId(stepId, 'paged')],
        ]);
        expect(events[1].data).toMatchObject({
          pageId: deterministicId(stepId, 'page'),
          step: 1,
          recipients: ['mona'],
          trigger: 'ACK_TIMEOUT',
          pagedAt: at(15),
          ackDeadline: at(35),
        });
      });
  });

  it('does nothing when the timeout comes after the acknowledgement', () => {
    spec
      .given([
        raised,
        paged('p1', 'ana', 0),
        ...escalationDecider.decide(ack('ana', 5), fold([raised, paged('p1', 'ana', 0)])),
      ])
      .when({ type: 'TimeOutPage', escalationId, pageId: 'p1', stepId: 's', at: at(15), paging })
      .then([]);
  });

  it('records the policy exhausted after the last step', () => {
    spec
      .given([
        raised,
        paged('p1', 'ana', 0),
        { type: 'PageTimedOut', data: { escalationId, pageId: 'p1', at: at(15), ackSloSeconds: 900 } },
        paged('p2', 'mona', 1, at(15), 20),
      ])
      .when({ type: 'TimeOutPage', escalationId, pageId: 'p2', stepId: 's2', at: at(35), paging })
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual(['PageTimedOut', 'EscalationPolicyExhausted']),
      );
  });

  it('cancels pages still waiting when the escalation is resolved', () => {
    spec
      .given([raised, paged('p1', 'ana', 0)])
      .when({ type: 'Resolve', escalationId, at: at(3), by: 'mona', note: null })
      .then([
        { type: 'EscalationResolved', data: { escalationId, at: at(3), by: 'mona', note: null } },
        { type: 'PageCancelled', data: { escalationId, pageId: 'p1', at: at(3), reason: 'ESCALATION_CLOSED' } },
      ]);
  });

  it('answers a repeated transition like the first, recording nothing more', () => {
    const resolved = { type: 'EscalationResolved', data: { escalationId, at: at(3), by: 'mona', note: null } } as const;
    spec
      .given([raised, resolved])
      .when({ type: 'Resolve', escalationId, at: at(4), by: 'ana', note: 'again' })
      .then([]);
  });

  it('downgrades an emergency that is not one, which needs the follow-up ticket', () => {
    const qualify = (followUpTicket: string | null): EscalationCommand => ({
      type: 'Qualify',
      escalationId,
      qualification: 'NOT_AN_EMERGENCY',
      at: at(2),
      by: 'ana',
      note: null,
      followUpTicket,
    });
    spec
      .given([raised])
      .when(qualify(null))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('followUpTicket'));
    spec
      .given([raised])
      .when(qualify('T-1'))
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual(['EmergencyQualified', 'EscalationDowngraded']),
      );
  });

  it('records a follow-up due, then closes the bridge and drops the priority, unless the customer replied', () => {
    const contacted: EscalationEvent = {
      type: 'CustomerContacted',
      data: { escalationId, at: at(0), followUpDueAt: at(15) },
    };
    const followUp: EscalationCommand = { type: 'RecordFollowUpDue', escalationId, at: at(15), stepId: 'f' };
    spec
      .given([raised, contacted])
      .when(followUp)
      .then([
        {
          type: 'CustomerFollowUpDue',
          id: deterministicId('f', 'follow-up-due'),
          data: { escalationId, at: at(15), bridgeClosesAt: at(30) },
        },
      ]);
    spec
      .given([raised, contacted, { type: 'CustomerReplied', data: { escalationId, at: at(10) } }])
      .when(followUp)
      .then([]);
    spec
      .given([
        raised,
        contacted,
        { type: 'CustomerFollowUpDue', data: { escalationId, at: at(15), bridgeClosesAt: at(30) } },
      ])
      .when({ type: 'CloseBridge', escalationId, at: at(30), stepId: 'b' })
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['CustomerBridgeClosed', 'EscalationDowngraded']);
        expect(events[1].data).toMatchObject({ reason: 'NO_CUSTOMER_REPLY', priority: 'HIGH' });
      });
  });

  it('applies a handover once per boundary', () => {
    const handOver: EscalationCommand = {
      type: 'AssignDri',
      escalationId,
      driId: 'ben',
      reason: 'HANDOVER',
      by: 'ben',
      note: null,
      boundaryId: 'b1',
      stepId: 'handover-b1',
      at: at(60),
    };
    const events = escalationDecider.decide(handOver, fold([raised]));
    expect(events).toEqual([
      {
        type: 'DriAssigned',
        id: deterministicId('handover-b1', 'dri'),
        data: {
          escalationId,
          driId: 'ben',
          previousDriId: null,
          reason: 'HANDOVER',
          at: at(60),
          by: 'ben',
          boundaryId: 'b1',
          note: null,
        },
      },
    ]);
    spec
      .given([raised, ...events])
      .when(handOver)
      .then([]);
  });
});

function fold(events: EscalationEvent[]) {
  return events.reduce(escalationDecider.evolve, escalationDecider.initialState());
}
