import { BadUserInputError, ConflictError, NotFoundError } from '@app/core';
import { deterministicId, type Decider } from '@app/event-store';
import type {
  EscalationEvent,
  EscalationRaisedData,
  PageKind,
  PageTrigger,
  ResponderPagedData,
} from './escalation.events.js';
import {
  BRIDGE_CLOSES_AFTER_MINUTES,
  FOLLOW_UP_AFTER_MINUTES,
  isOpenState,
  plusMinutes,
  type DowngradeReason,
  type EscalationLayer,
  type EscalationState,
  type NoteKind,
  type PageCancelReason,
  type PageStatus,
  type PolicySnapshot,
  type Qualification,
} from './escalation.types.js';
import { choosePage, type Candidate, type StepFacts } from './paging.js';
import { alertAtRaise, decideAlert, evolveAlertEvent, type AlertDecisionCommand } from './escalation-alert.decide.js';
import type { EscalationAlert } from './escalation-alert.types.js';

export interface Page {
  pageId: string;
  kind: PageKind;
  trigger: PageTrigger;
  step: number | null;
  layer: EscalationLayer | 'BACKUP_POOL';
  rotationId: string | null;
  recipients: string[];
  shadowIds: string[];
  status: PageStatus;
  pagedAt: string;
  ackDeadline: string;
  ackSloSeconds: number;
  selection: ResponderPagedData['selection'];
  skippedSteps: ResponderPagedData['skippedSteps'];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  secondsToAcknowledge: number | null;
  withinSlo: boolean | null;
  resolvedAt: string | null;
  closedAt: string | null;
  cancelReason: PageCancelReason | null;
}

export interface CustomerContact {
  firstContactAt: string;
  followUpDueAt: string;
  followUpRecordedAt: string | null;
  bridgeClosesAt: string | null;
  bridgeClosedAt: string | null;
  repliedAt: string | null;
}

export interface Escalation extends Omit<EscalationRaisedData, 'policy' | 'alert'> {
  policy: PolicySnapshot;
  /** The monitoring alert it was raised from, with its occurrences; null when a person raised it. */
  alert: EscalationAlert | null;
  state: EscalationState;
  driId: string | null;
  driSince: string | null;
  pages: Page[];
  policyExhaustedAt: string | null;
  qualification: Qualification | null;
  neededMoreInformation: boolean;
  customerContact: CustomerContact | null;
  downgrade: { reason: DowngradeReason; priority: 'HIGH'; followUpTicket: string | null; at: string } | null;
  firstAcknowledgedAt: string | null;
  mitigatedAt: string | null;
  closedAt: string | null;
  /** Boundaries whose handover already made someone DRI (a handover is applied once). */
  handoverBoundaryIds: string[];
  updatedAt: string;
}

export type EscalationDeciderState = Escalation | null;

interface Targeted {
  escalationId: string;
  at: string;
}

export type EscalationCommand =
  | AlertDecisionCommand
  | ({ type: 'Raise'; pageId: string; paging: StepFacts[] } & EscalationRaisedData)
  | (Targeted & { type: 'AcknowledgePage'; pageId: string; responderId: string })
  | (Targeted & { type: 'ResolvePage'; pageId: string; responderId: string })
  /** Time-driven: `stepId` makes the event ids deterministic. */
  | (Targeted & {
      type: 'TimeOutPage';
      pageId: string;
      stepId: string;
      paging: StepFacts[];
      /** A recipient who asked for the next step before the deadline (an action link's ESCALATE). */
      escalatedBy?: string;
    })
  | (Targeted & { type: 'AddNote'; noteId: string; kind: NoteKind; text: string; author: string })
  | (Targeted & {
      type: 'AssignDri';
      driId: string;
      reason: 'REASSIGNED' | 'HANDOVER';
      by: string;
      note: string | null;
      boundaryId: string | null;
      /** For handovers: deterministic ids, and no error when the escalation has closed meanwhile. */
      stepId?: string;
    })
  | (Targeted & { type: 'Mitigate' | 'Resolve'; by: string; note: string | null })
  | (Targeted & {
      type: 'Qualify';
      qualification: Qualification;
      by: string;
      note: string | null;
      followUpTicket: string | null;
    })
  | (Targeted & { type: 'RecordCustomerContact' | 'RecordCustomerReply' })
  | (Targeted & { type: 'RecordFollowUpDue' | 'CloseBridge'; stepId: string })
  | (Targeted & { type: 'PageBackupPool'; pageId: string; by: string; pool: Candidate[] })
  | (Targeted & { type: 'Tag'; incidentTag: string | null; by: string })
  | (Targeted & {
      type: 'Reroute';
      rotationId: string;
      serviceId: string | null;
      policy: PolicySnapshot;
      pageId: string;
      paging: StepFacts[];
      by: string;
    });

type Event = EscalationEvent;

function existing(state: EscalationDeciderState, escalationId: string): Escalation {
  if (!state) throw new NotFoundError('Escalation', escalationId);
  return state;
}

function stillOpen(escalation: Escalation, action: string): void {
  if (!isOpenState(escalation.state)) {
    throw new ConflictError(
      `Cannot ${action}: escalation ${escalation.escalationId} is ${escalation.state.toLowerCase()}`,
      {
        escalationId: escalation.escalationId,
        state: escalation.state,
      },
    );
  }
}

function findPage(escalation: Escalation, pageId: string): Page {
  const page = escalation.pages.find((p) => p.pageId === pageId);
  if (!page) throw new NotFoundError('Page', pageId);
  return page;
}

const secondsBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

/** Pages still waiting for someone, cancelled because the escalation no longer needs them. */
function cancelTriggered(
  escalation: Escalation,
  at: string,
  reason: PageCancelReason,
  except?: string,
  idOf?: (pageId: string) => string,
): Event[] {
  return escalation.pages
    .filter((p) => p.status === 'TRIGGERED' && p.pageId !== except)
    .map((p) => ({
      type: 'PageCancelled' as const,
      ...(idOf ? { id: idOf(p.pageId) } : {}),
      data: { escalationId: escalation.escalationId, pageId: p.pageId, at, reason },
    }));
}

/** The next page of the policy from step `from`, or the record that nobody is left to page. */
function pageFromPolicy(
  escalationId: string,
  policy: PolicySnapshot,
  paging: StepFacts[],
  from: number,
  pageId: string,
  trigger: PageTrigger,
  at: string,
  ids?: { paged: string; exhausted: string },
): Event {
  const outcome = choosePage(paging, from);
  if ('exhausted' in outcome) {
    return {
      type: 'EscalationPolicyExhausted',
      ...(ids ? { id: ids.exhausted } : {}),
      data: { escalationId, at, skippedSteps: outcome.skippedSteps },
    };
  }
  const { page } = outcome;
  return {
    type: 'ResponderPaged',
    ...(ids ? { id: ids.paged } : {}),
    data: {
      escalationId,
      pageId,
      kind: 'POLICY_STEP',
      trigger,
      step: page.step,
      layer: page.layer,
      rotationId: page.rotationId,
      recipients: page.recipients,
      shadowIds: page.shadowIds,
      pagedAt: at,
      ackDeadline: plusMinutes(at, page.ackTimeoutMinutes),
      ackSloSeconds: policy.ackSloMinutes * 60,
      selection: page.selection,
      skippedSteps: page.skippedSteps,
    },
  };
}

function acknowledge(escalation: Escalation, page: Page, responderId: string, at: string): Event[] {
  const { escalationId } = escalation;
  const seconds = secondsBetween(page.pagedAt, at);
  const events: Event[] = [
    {
      type: 'PageAcknowledged',
      data: {
        escalationId,
        pageId: page.pageId,
        responderId,
        at,
        secondsToAcknowledge: seconds,
        ackSloSeconds: page.ackSloSeconds,
        withinSlo: seconds <= page.ackSloSeconds,
      },
    },
  ];
  if (escalation.driId !== responderId) {
    events.push({
      type: 'DriAssigned',
      data: {
        escalationId,
        driId: responderId,
        previousDriId: escalation.driId,
        reason: 'ACKNOWLEDGED',
        at,
        by: responderId,
        boundaryId: null,
        note: null,
      },
    });
  }
  return [...events, ...cancelTriggered(escalation, at, 'ACKNOWLEDGED_ELSEWHERE', page.pageId)];
}

function downgrade(
  escalation: Escalation,
  reason: DowngradeReason,
  followUpTicket: string | null,
  at: string,
  idOf?: (part: string) => string,
): Event[] {
  return [
    {
      type: 'EscalationDowngraded',
      ...(idOf ? { id: idOf('downgraded') } : {}),
      data: { escalationId: escalation.escalationId, reason, priority: 'HIGH', followUpTicket, at },
    },
    ...cancelTriggered(escalation, at, 'ESCALATION_CLOSED', undefined, idOf && ((pageId) => idOf(`cancel-${pageId}`))),
  ];
}

export const escalationDecider: Decider<EscalationCommand, EscalationDeciderState, EscalationEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'RaiseAlert':
      case 'RecordAlertOccurrence':
      case 'AcknowledgeAlert':
      case 'ResolveAlert':
        return decideAlert(command, state, { pageFromPolicy, cancelTriggered });

      case 'Raise': {
        if (state) throw new ConflictError(`Escalation ${command.escalationId} already exists`);
        const { type: _, pageId, paging, ...data } = command;
        return [
          { type: 'EscalationRaised', data },
          pageFromPolicy(data.escalationId, data.policy, paging, 0, pageId, 'RAISED', data.raisedAt),
        ];
      }

      case 'AcknowledgePage': {
        const escalation = existing(state, command.escalationId);
        const page = findPage(escalation, command.pageId);
        if (page.acknowledgedBy === command.responderId) return [];
        stillOpen(escalation, 'acknowledge the page');
        if (page.status !== 'TRIGGERED') throw pageNoLongerWaiting(page);
        return acknowledge(escalation, page, command.responderId, command.at);
      }

      case 'ResolvePage': {
        const escalation = existing(state, command.escalationId);
        const page = findPage(escalation, command.pageId);
        if (page.status === 'RESOLVED' && page.acknowledgedBy === command.responderId) return [];
        if (page.status === 'ACKNOWLEDGED' && page.acknowledgedBy === command.responderId) {
          return [
            {
              type: 'PageResolved',
              data: {
                escalationId: escalation.escalationId,
                pageId: page.pageId,
                responderId: command.responderId,
                at: command.at,
              },
            },
          ];
        }
        stillOpen(escalation, 'resolve the page');
        if (page.status !== 'TRIGGERED') throw pageNoLongerWaiting(page);
        return [
          ...acknowledge(escalation, page, command.responderId, command.at),
          {
            type: 'PageResolved',
            data: {
              escalationId: escalation.escalationId,
              pageId: page.pageId,
              responderId: command.responderId,
              at: command.at,
            },
          },
        ];
      }

      case 'TimeOutPage': {
        const escalation = existing(state, command.escalationId);
        const page = escalation.pages.find((p) => p.pageId === command.pageId);
        if (!page || page.status !== 'TRIGGERED') return [];
        const id = (part: string) => deterministicId(command.stepId, part);
        const events: Event[] = [
          {
            type: 'PageTimedOut',
            id: id('timed-out'),
            data: {
              escalationId: escalation.escalationId,
              pageId: page.pageId,
              at: command.at,
              ackSloSeconds: page.ackSloSeconds,
              ...(command.escalatedBy ? { escalatedBy: command.escalatedBy } : {}),
            },
          },
        ];
        if (page.kind === 'POLICY_STEP' && page.step !== null) {
          events.push(
            pageFromPolicy(
              escalation.escalationId,
              escalation.policy,
              command.paging,
              page.step + 1,
              id('page'),
              'ACK_TIMEOUT',
              command.at,
              { paged: id('paged'), exhausted: id('exhausted') },
            ),
          );
        }
        return events;
      }

      case 'AddNote': {
        existing(state, command.escalationId);
        const { type: _, ...data } = command;
        return [{ type: 'EscalationNoteAdded', data }];
      }

      case 'AssignDri': {
        const escalation = existing(state, command.escalationId);
        if (command.reason === 'HANDOVER') {
          if (command.boundaryId && escalation.handoverBoundaryIds.includes(command.boundaryId)) return [];
          if (!isOpenState(escalation.state) && command.stepId) return [];
        } else if (escalation.driId === command.driId) {
          return [];
        }
        stillOpen(escalation, command.reason === 'HANDOVER' ? 'hand it over' : 'reassign it');
        const idOf = command.stepId ? (part: string) => deterministicId(command.stepId!, part) : undefined;
        return [
          {
            type: 'DriAssigned',
            ...(idOf ? { id: idOf('dri') } : {}),
            data: {
              escalationId: escalation.escalationId,
              driId: command.driId,
              previousDriId: escalation.driId,
              reason: command.reason,
              at: command.at,
              by: command.by,
              boundaryId: command.boundaryId,
              note: command.note,
            },
          },
          ...cancelTriggered(
            escalation,
            command.at,
            'DRI_ASSIGNED',
            undefined,
            idOf && ((pageId) => idOf(`cancel-${pageId}`)),
          ),
        ];
      }

      case 'Mitigate': {
        const escalation = existing(state, command.escalationId);
        if (escalation.state === 'MITIGATED') return [];
        stillOpen(escalation, 'mitigate it');
        return [
          {
            type: 'EscalationMitigated',
            data: { escalationId: escalation.escalationId, at: command.at, by: command.by, note: command.note },
          },
        ];
      }

      case 'Resolve': {
        const escalation = existing(state, command.escalationId);
        // a repeated transition is answered like the first: nothing more to record (see README)
        if (escalation.state === 'RESOLVED') return [];
        stillOpen(escalation, 'resolve it');
        return [
          {
            type: 'EscalationResolved',
            data: { escalationId: escalation.escalationId, at: command.at, by: command.by, note: command.note },
          },
          ...cancelTriggered(escalation, command.at, 'ESCALATION_CLOSED'),
        ];
      }

      case 'Qualify': {
        const escalation = existing(state, command.escalationId);
        if (escalation.source !== 'CUSTOMER_EMERGENCY') {
          throw new ConflictError('Only customer emergencies are qualified', { escalationId: escalation.escalationId });
        }
        stillOpen(escalation, 'qualify it');
        if (command.qualification === 'NOT_AN_EMERGENCY' && !command.followUpTicket) {
          throw new BadUserInputError('followUpTicket', 'a downgraded emergency needs the follow-up ticket');
        }
        if (escalation.qualification === command.qualification) return [];
        const qualified: Event = {
          type: 'EmergencyQualified',
          data: {
            escalationId: escalation.escalationId,
            qualification: command.qualification,
            at: command.at,
            by: command.by,
            note: command.note,
          },
        };
        if (command.qualification !== 'NOT_AN_EMERGENCY') return [qualified];
        return [qualified, ...downgrade(escalation, 'NOT_AN_EMERGENCY', command.followUpTicket, command.at)];
      }

      case 'RecordCustomerContact': {
        const escalation = existing(state, command.escalationId);
        if (escalation.source !== 'CUSTOMER_EMERGENCY') {
          throw new ConflictError('Customer contact is tracked for customer emergencies only', {
            escalationId: escalation.escalationId,
          });
        }
        if (escalation.customerContact) {
          throw new ConflictError(
            `The first contact was already recorded at ${escalation.customerContact.firstContactAt}`,
            {
              escalationId: escalation.escalationId,
            },
          );
        }
        stillOpen(escalation, 'record a customer contact');
        return [
          {
            type: 'CustomerContacted',
            data: {
              escalationId: escalation.escalationId,
              at: command.at,
              followUpDueAt: plusMinutes(command.at, FOLLOW_UP_AFTER_MINUTES),
            },
          },
        ];
      }

      case 'RecordCustomerReply': {
        const escalation = existing(state, command.escalationId);
        const contact = escalation.customerContact;
        if (!contact)
          throw new ConflictError('No customer contact was recorded yet', { escalationId: escalation.escalationId });
        if (contact.repliedAt || contact.bridgeClosedAt) return [];
        return [{ type: 'CustomerReplied', data: { escalationId: escalation.escalationId, at: command.at } }];
      }

      case 'RecordFollowUpDue': {
        const escalation = existing(state, command.escalationId);
        const contact = escalation.customerContact;
        if (!contact || contact.repliedAt || contact.followUpRecordedAt || !isOpenState(escalation.state)) return [];
        return [
          {
            type: 'CustomerFollowUpDue',
            id: deterministicId(command.stepId, 'follow-up-due'),
            data: {
              escalationId: escalation.escalationId,
              at: command.at,
              bridgeClosesAt: plusMinutes(command.at, BRIDGE_CLOSES_AFTER_MINUTES),
            },
          },
        ];
      }

      case 'CloseBridge': {
        const escalation = existing(state, command.escalationId);
        const contact = escalation.customerContact;
        if (!contact || contact.repliedAt || contact.bridgeClosedAt || !contact.followUpRecordedAt) return [];
        if (!isOpenState(escalation.state)) return [];
        const idOf = (part: string) => deterministicId(command.stepId, part);
        return [
          {
            type: 'CustomerBridgeClosed',
            id: idOf('bridge-closed'),
            data: { escalationId: escalation.escalationId, at: command.at },
          },
          ...downgrade(escalation, 'NO_CUSTOMER_REPLY', null, command.at, idOf),
        ];
      }

      case 'PageBackupPool': {
        const escalation = existing(state, command.escalationId);
        stillOpen(escalation, 'page the backup pool');
        if (command.pool.length === 0) {
          throw new ConflictError(`The escalation policy of this rotation has no backup pool`, {
            escalationId: escalation.escalationId,
          });
        }
        if (escalation.pages.some((p) => p.kind === 'BACKUP_POOL' && p.status === 'TRIGGERED')) {
          throw new ConflictError('The backup pool has already been paged and not answered yet', {
            escalationId: escalation.escalationId,
          });
        }
        return [
          {
            type: 'ResponderPaged',
            data: {
              escalationId: escalation.escalationId,
              pageId: command.pageId,
              kind: 'BACKUP_POOL',
              trigger: 'BACKUP_POOL_REQUESTED',
              step: null,
              layer: 'BACKUP_POOL',
              rotationId: null,
              recipients: command.pool.map((c) => c.responderId),
              shadowIds: [],
              pagedAt: command.at,
              ackDeadline: plusMinutes(command.at, escalation.policy.ackSloMinutes),
              ackSloSeconds: escalation.policy.ackSloMinutes * 60,
              selection: { rule: 'LISTED', candidates: command.pool.map((c) => ({ ...c, chosen: true })) },
              skippedSteps: [],
            },
          },
        ];
      }

      case 'Tag': {
        const escalation = existing(state, command.escalationId);
        if (escalation.incidentTag === command.incidentTag) return [];
        return [
          {
            type: 'EscalationTagged',
            data: {
              escalationId: escalation.escalationId,
              incidentTag: command.incidentTag,
              at: command.at,
              by: command.by,
            },
          },
        ];
      }

      case 'Reroute': {
        const escalation = existing(state, command.escalationId);
        stillOpen(escalation, 'reroute it');
        if (escalation.rotationId === command.rotationId) {
          throw new BadUserInputError('rotationId', 'the escalation already targets this rotation');
        }
        return [
          {
            type: 'EscalationRerouted',
            data: {
              escalationId: escalation.escalationId,
              fromRotationId: escalation.rotationId,
              rotationId: command.rotationId,
              serviceId: command.serviceId,
              policy: command.policy,
              at: command.at,
              by: command.by,
            },
          },
          ...cancelTriggered(escalation, command.at, 'REROUTED'),
          pageFromPolicy(
            escalation.escalationId,
            command.policy,
            command.paging,
            0,
            command.pageId,
            'REROUTED',
            command.at,
          ),
        ];
      }
    }
  },

  evolve(state, event) {
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
    return next === state ? state : { ...next, updatedAt: eventInstant(event) ?? state.updatedAt };
  },
};

function pageNoLongerWaiting(page: Page): ConflictError {
  const who = page.acknowledgedBy ? ` by ${page.acknowledgedBy}` : '';
  return new ConflictError(`Page ${page.pageId} is already ${page.status.toLowerCase().replace('_', ' ')}${who}`, {
    pageId: page.pageId,
    status: page.status,
    ...(page.acknowledgedBy ? { acknowledgedBy: page.acknowledgedBy } : {}),
  });
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
      return {
        ...next,
        state: state.state === 'OPEN' ? 'ACKNOWLEDGED' : state.state,
        firstAcknowledgedAt: state.firstAcknowledgedAt ?? at,
      };
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
