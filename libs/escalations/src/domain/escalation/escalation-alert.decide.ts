import { ConflictError, NotFoundError } from '@app/core/pure';
import { deterministicId } from '@app/event-store/pure';
import type { Escalation, EscalationDeciderState } from './escalation.state.js';
import { cancelTriggered, pageFromPolicy } from './escalation.rules.js';
import type { EscalationEvent, EscalationRaisedData, PageTrigger } from './escalation.events.js';
import type { AlertContent, AlertSourceData, EscalationAlert } from './escalation-alert.types.js';
import { isOpenState, type PageCancelReason, type PolicySnapshot } from './escalation.types.js';
import type { StepFacts } from './paging.js';

/** What an integration does to the escalation an alert opened. */
export type AlertDecisionCommand =
  | ({
      type: 'RaiseAlert';
      pageId: string;
      /** Null in a maintenance window: recorded, nobody paged. */
      paging: StepFacts[] | null;
      alert: AlertSourceData;
    } & Omit<EscalationRaisedData, 'alert'>)
  | {
      type: 'RecordAlertOccurrence';
      escalationId: string;
      at: string;
      count: number;
      content: AlertContent;
      maintenanceWindowId: string | null;
    }
  | { type: 'AcknowledgeAlert'; escalationId: string; at: string; by: string }
  | { type: 'ResolveAlert'; escalationId: string; at: string; by: string };

/** The open escalation is closed: the integration's trigger must open a new one. */
export class AlertEscalationClosedError extends ConflictError {}

export function decideAlert(command: AlertDecisionCommand, state: EscalationDeciderState): EscalationEvent[] {
  switch (command.type) {
    case 'RaiseAlert': {
      // The id derives from the alert stream: a retry after a crash finds it raised and does nothing.
      if (state) return [];
      const { type: _, pageId, paging, ...data } = command;
      const id = (part: string) => deterministicId(data.escalationId, part);
      const raised: EscalationEvent = { type: 'EscalationRaised', id: id('raised'), data };
      if (!paging) return [raised];
      const page = pageFromPolicy(data.escalationId, data.policy, paging, 0, pageId, 'RAISED', data.raisedAt, {
        paged: id('paged'),
        exhausted: id('exhausted'),
      });
      return [raised, page];
    }
    case 'RecordAlertOccurrence': {
      const escalation = alerted(state, command.escalationId);
      if (!isOpenState(escalation.state)) {
        throw new AlertEscalationClosedError(`Escalation ${escalation.escalationId} is closed`, {
          escalationId: escalation.escalationId,
        });
      }
      const key = command.content.occurrenceKey;
      if (key !== null && key === escalation.alert.occurrenceKey) return [];
      return [
        {
          type: 'AlertOccurred',
          data: {
            escalationId: escalation.escalationId,
            count: command.count,
            at: command.at,
            maintenanceWindowId: command.maintenanceWindowId,
            ...command.content,
          },
        },
      ];
    }
    case 'AcknowledgeAlert': {
      const escalation = alerted(state, command.escalationId);
      if (!isOpenState(escalation.state)) return [];
      const pageIds = escalation.pages.filter((p) => p.status === 'TRIGGERED').map((p) => p.pageId);
      if (pageIds.length === 0 && escalation.state !== 'OPEN') return [];
      return [
        {
          type: 'AlertAcknowledged',
          data: { escalationId: escalation.escalationId, pageIds, at: command.at, by: command.by },
        },
      ];
    }
    case 'ResolveAlert': {
      const escalation = alerted(state, command.escalationId);
      if (!isOpenState(escalation.state)) return [];
      return [
        {
          type: 'EscalationResolved',
          data: {
            escalationId: escalation.escalationId,
            at: command.at,
            by: command.by,
            note: 'Resolved by its alert',
          },
        },
        ...cancelTriggered(escalation, command.at, 'ESCALATION_CLOSED'),
      ];
    }
  }
}

function alerted(state: EscalationDeciderState, escalationId: string): Escalation & { alert: EscalationAlert } {
  if (!state) throw new NotFoundError('Escalation', escalationId);
  if (!state.alert) throw new ConflictError(`Escalation ${escalationId} was not raised by an integration`);
  return state as Escalation & { alert: EscalationAlert };
}

/** The alert part of the state when the escalation is raised. */
export function alertAtRaise(data: EscalationRaisedData): EscalationAlert | null {
  if (!data.alert) return null;
  return {
    ...data.alert,
    occurrences: 1,
    firstOccurredAt: data.raisedAt,
    lastOccurredAt: data.raisedAt,
    acknowledgedAt: null,
  };
}

export function evolveAlertEvent(
  state: Escalation,
  event: Extract<EscalationEvent, { type: 'AlertOccurred' | 'AlertAcknowledged' }>,
): Escalation {
  if (event.type === 'AlertOccurred') {
    if (!state.alert) return state;
    const { escalationId: _, count, at, maintenanceWindowId: __, ...content } = event.data;
    return {
      ...state,
      alert: { ...state.alert, ...content, occurrences: state.alert.occurrences + count, lastOccurredAt: at },
    };
  }
  const { pageIds, at } = event.data;
  return {
    ...state,
    state: state.state === 'OPEN' ? 'ACKNOWLEDGED' : state.state,
    firstAcknowledgedAt: state.firstAcknowledgedAt ?? at,
    alert: state.alert ? { ...state.alert, acknowledgedAt: state.alert.acknowledgedAt ?? at } : state.alert,
    pages: state.pages.map((p) =>
      pageIds.includes(p.pageId) ? { ...p, status: 'ACKNOWLEDGED' as const, acknowledgedAt: at } : p,
    ),
  };
}
