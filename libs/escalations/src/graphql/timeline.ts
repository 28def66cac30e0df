import type { HistoryEntry } from '@app/event-store';
import type { EscalationEvent } from '../domain/escalation/escalation.events.js';

export interface TimelineLine {
  description: string;
  responderIds: string[];
}

const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;
const lower = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/**
 * One stored escalation event, told in a sentence (names come from `nameOf`; a page's recipients,
 * from the escalation's earlier events, from `recipientsOf`).
 */
export function describeEscalationEvent(
  entry: HistoryEntry,
  nameOf: (responderId: string) => string,
  recipientsOf: (pageId: string) => string[] = () => [],
): TimelineLine {
  const event = { type: entry.type, data: entry.data } as EscalationEvent;
  const names = (ids: string[]) => ids.map(nameOf).join(', ');
  switch (event.type) {
    case 'EscalationRaised': {
      const d = event.data;
      const via = d.routedToServiceOwner ? ' (routed to the service owner’s second tier)' : '';
      return { description: `${d.severity} ${lower(d.source)} escalation raised: ${d.title}${via}`, responderIds: [] };
    }
    case 'ResponderPaged': {
      const d = event.data;
      const what = d.layer === 'BACKUP_POOL' ? 'backup pool' : `step ${(d.step ?? 0) + 1} (${lower(d.layer)})`;
      const skipped = d.skippedSteps.map((s) => `step ${s.step + 1} skipped: ${lower(s.reason)}`);
      const rule = `chosen by ${lower(d.selection.rule)} among ${d.selection.candidates.length} candidate(s)`;
      return {
        description: [`Paged ${names(d.recipients)} at ${what}, ${rule}`, ...skipped].join('; '),
        responderIds: [...d.recipients, ...d.shadowIds],
      };
    }
    case 'PageAcknowledged': {
      const d = event.data;
      const slo = d.withinSlo ? 'within' : 'outside';
      return {
        description: `${nameOf(d.responderId)} acknowledged the page after ${minutes(d.secondsToAcknowledge)} (${slo} the ${minutes(d.ackSloSeconds)} SLO)`,
        responderIds: [d.responderId],
      };
    }
    case 'PageResolved':
      return {
        description: `${nameOf(event.data.responderId)} engaged (page resolved)`,
        responderIds: [event.data.responderId],
      };
    case 'PageTimedOut': {
      const recipients = recipientsOf(event.data.pageId);
      const to = recipients.length > 0 ? ` to ${names(recipients)}` : '';
      return event.data.escalatedBy
        ? {
            description: `${nameOf(event.data.escalatedBy)} escalated the page to the next step`,
            responderIds: [event.data.escalatedBy],
          }
        : { description: `The page${to} was not acknowledged in time`, responderIds: recipients };
    }
    case 'PageCancelled':
      return { description: `A page was cancelled: ${lower(event.data.reason)}`, responderIds: [] };
    case 'EscalationPolicyExhausted':
      return {
        description: 'Every step of the escalation policy was paged without an acknowledgement',
        responderIds: [],
      };
    case 'DriAssigned': {
      const d = event.data;
      const how =
        d.reason === 'HANDOVER'
          ? 'took over at a shift boundary'
          : d.reason === 'REASSIGNED'
            ? 'was assigned'
            : 'acknowledged';
      return {
        description: `${nameOf(d.driId)} ${how} and is now DRI${d.note ? `: ${d.note}` : ''}`,
        responderIds: [d.driId, ...(d.previousDriId ? [d.previousDriId] : [])],
      };
    }
    case 'EscalationNoteAdded':
      return { description: `${lower(event.data.kind)}: ${event.data.text}`, responderIds: [] };
    case 'EscalationMitigated':
      return { description: `Mitigated${event.data.note ? `: ${event.data.note}` : ''}`, responderIds: [] };
    case 'EscalationResolved':
      return { description: `Resolved${event.data.note ? `: ${event.data.note}` : ''}`, responderIds: [] };
    case 'EmergencyQualified':
      return { description: `Qualified: ${lower(event.data.qualification)}`, responderIds: [] };
    case 'EscalationDowngraded': {
      const d = event.data;
      const ticket = d.followUpTicket ? `; work continues in ${d.followUpTicket}` : '';
      return {
        description: `Downgraded to ${lower(d.priority)} priority (${lower(d.reason)})${ticket}`,
        responderIds: [],
      };
    }
    case 'CustomerContacted':
      return { description: 'First contact with the customer', responderIds: [] };
    case 'CustomerReplied':
      return { description: 'The customer replied', responderIds: [] };
    case 'CustomerFollowUpDue':
      return { description: 'No customer reply: a follow-up is due', responderIds: [] };
    case 'CustomerBridgeClosed':
      return { description: 'Still no customer reply: the bridge is closed', responderIds: [] };
    case 'EscalationTagged':
      return {
        description: event.data.incidentTag ? `Tagged with incident ${event.data.incidentTag}` : 'Incident tag removed',
        responderIds: [],
      };
    case 'AlertOccurred': {
      const d = event.data;
      const times = d.count === 1 ? 'again' : `${d.count} more times`;
      return { description: `The alert fired ${times}: ${d.summary}`, responderIds: [] };
    }
    case 'AlertAcknowledged':
      return { description: 'Acknowledged by the integration that raised it', responderIds: [] };
    case 'EscalationRerouted':
      return { description: 'Rerouted to another rotation', responderIds: [] };
    default:
      return { description: entry.type, responderIds: [] };
  }
}
