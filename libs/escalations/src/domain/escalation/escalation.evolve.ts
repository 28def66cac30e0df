import { alertAtRaise, evolveAlertEvent } from './escalation-alert.decide.js';
import type { EscalationEvent } from './escalation.events.js';
import type { Page, Escalation, EscalationDeciderState } from './escalation.state.js';

/** The escalation after one more event: the decider's `evolve`. */
export function evolveEscalation(state: EscalationDeciderState, event: EscalationEvent): EscalationDeciderState {
  if (event.type === 'EscalationRaised') {
    const data = event.data;
    return {
      ...data,
      alert: alertAtRaise(data),
      state: 'OPEN',
      driId: null,
      driSince: null,
      pages: [],
      policyExhaustedAt: null,
      qualification: null,
      neededMoreInformation: false,
      customerContact: null,
      downgrade: null,
      firstAcknowledgedAt: null,
      mitigatedAt: null,
      closedAt: null,
      handoverBoundaryIds: [],
      updatedAt: data.raisedAt,
    };
  }
  if (!state) return state;
  const next = applyEvent(state, event);
  if (next === state) return state;
  // applyEvent answers the state itself or a copy of its own: the copy is completed in place.
  next.updatedAt = eventInstant(event) ?? state.updatedAt;
  return next;
}

function eventInstant(event: EscalationEvent): string | undefined {
  const data = event.data as { at?: string; pagedAt?: string };
  return data.at ?? data.pagedAt;
}

function updatePage(state: Escalation, pageId: string, change: (page: Page) => Page): Escalation {
  return { ...state, pages: state.pages.map((p) => (p.pageId === pageId ? change(p) : p)) };
}

function applyEvent(state: Escalation, event: EscalationEvent): Escalation {
  switch (event.type) {
    case 'EscalationRaised':
      return state;
    case 'ResponderPaged': {
      const { escalationId: _, ...page } = event.data;
      return {
        ...state,
        pages: [
          ...state.pages,
          {
            ...page,
            status: 'TRIGGERED',
            acknowledgedBy: null,
            acknowledgedAt: null,
            secondsToAcknowledge: null,
            withinSlo: null,
            resolvedAt: null,
            closedAt: null,
            cancelReason: null,
          },
        ],
      };
    }
    case 'PageAcknowledged': {
      const { at, responderId, secondsToAcknowledge, withinSlo } = event.data;
      const next = updatePage(state, event.data.pageId, (p) => ({
        ...p,
        status: 'ACKNOWLEDGED',
        acknowledgedBy: responderId,
        acknowledgedAt: at,
        secondsToAcknowledge,
        withinSlo,
      }));
      next.state = state.state === 'OPEN' ? 'ACKNOWLEDGED' : state.state;
      next.firstAcknowledgedAt = state.firstAcknowledgedAt ?? at;
      return next;
    }
    case 'PageResolved':
      return updatePage(state, event.data.pageId, (p) => ({ ...p, status: 'RESOLVED', resolvedAt: event.data.at }));
    case 'PageTimedOut':
      return updatePage(state, event.data.pageId, (p) => ({
        ...p,
        status: 'TIMED_OUT',
        withinSlo: false,
        closedAt: event.data.at,
      }));
    case 'PageCancelled':
      return updatePage(state, event.data.pageId, (p) => ({
        ...p,
        status: 'CANCELLED',
        closedAt: event.data.at,
        cancelReason: event.data.reason,
      }));
    case 'EscalationPolicyExhausted':
      return { ...state, policyExhaustedAt: event.data.at };
    case 'DriAssigned':
      return {
        ...state,
        driId: event.data.driId,
        driSince: event.data.at,
        state: state.state === 'OPEN' ? 'ACKNOWLEDGED' : state.state,
        handoverBoundaryIds: event.data.boundaryId
          ? [...state.handoverBoundaryIds, event.data.boundaryId]
          : state.handoverBoundaryIds,
      };
    case 'EscalationNoteAdded':
      return state;
    case 'EscalationMitigated':
      return { ...state, state: 'MITIGATED', mitigatedAt: event.data.at };
    case 'EscalationResolved':
      return { ...state, state: 'RESOLVED', closedAt: event.data.at };
    case 'EmergencyQualified':
      return {
        ...state,
        qualification: event.data.qualification,
        neededMoreInformation: state.neededMoreInformation || event.data.qualification === 'NEEDS_MORE_INFORMATION',
      };
    case 'EscalationDowngraded': {
      const { reason, priority, followUpTicket, at } = event.data;
      return { ...state, state: 'DOWNGRADED', closedAt: at, downgrade: { reason, priority, followUpTicket, at } };
    }
    case 'CustomerContacted':
      return {
        ...state,
        customerContact: {
          firstContactAt: event.data.at,
          followUpDueAt: event.data.followUpDueAt,
          followUpRecordedAt: null,
          bridgeClosesAt: null,
          bridgeClosedAt: null,
          repliedAt: null,
        },
      };
    case 'CustomerReplied':
      return state.customerContact
        ? { ...state, customerContact: { ...state.customerContact, repliedAt: event.data.at } }
        : state;
    case 'CustomerFollowUpDue':
      return state.customerContact
        ? {
            ...state,
            customerContact: {
              ...state.customerContact,
              followUpRecordedAt: event.data.at,
              bridgeClosesAt: event.data.bridgeClosesAt,
            },
          }
        : state;
    case 'CustomerBridgeClosed':
      return state.customerContact
        ? { ...state, customerContact: { ...state.customerContact, bridgeClosedAt: event.data.at } }
        : state;
    case 'EscalationTagged':
      return { ...state, incidentTag: event.data.incidentTag };
    case 'AlertOccurred':
    case 'AlertAcknowledged':
      return evolveAlertEvent(state, event);
    case 'EscalationRerouted':
      return {
        ...state,
        rotationId: event.data.rotationId,
        serviceId: event.data.serviceId ?? state.serviceId,
        policy: event.data.policy,
        policyExhaustedAt: null,
      };
  }
}
