import { ConflictError, NotFoundError } from '@app/core/pure';
import type { EscalationEvent, PageTrigger } from './escalation.events.js';
import {
  isOpenState,
  plusMinutes,
  type DowngradeReason,
  type PageCancelReason,
  type PolicySnapshot,
} from './escalation.types.js';
import { choosePage, type StepFacts } from './paging.js';
import type { Page, Escalation, EscalationDeciderState } from './escalation.state.js';

export function existing(state: EscalationDeciderState, escalationId: string): Escalation {
  if (!state) throw new NotFoundError('Escalation', escalationId);
  return state;
}

export function stillOpen(escalation: Escalation, action: string): void {
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

export function findPage(escalation: Escalation, pageId: string): Page {
  const page = escalation.pages.find((p) => p.pageId === pageId);
  if (!page) throw new NotFoundError('Page', pageId);
  return page;
}

export const secondsBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

/** Pages still waiting for someone, cancelled because the escalation no longer needs them. */
export function cancelTriggered(
  escalation: Escalation,
  at: string,
  reason: PageCancelReason,
  except?: string,
  idOf?: (pageId: string) => string,
): EscalationEvent[] {
  return escalation.pages
    .filter((p) => p.status === 'TRIGGERED' && p.pageId !== except)
    .map((p) => ({
      type: 'PageCancelled' as const,
      ...(idOf ? { id: idOf(p.pageId) } : {}),
      data: { escalationId: escalation.escalationId, pageId: p.pageId, at, reason },
    }));
}

/** The next page of the policy from step `from`, or the record that nobody is left to page. */
export function pageFromPolicy(
  escalationId: string,
  policy: PolicySnapshot,
  paging: StepFacts[],
  from: number,
  pageId: string,
  trigger: PageTrigger,
  at: string,
  ids?: { paged: string; exhausted: string },
): EscalationEvent {
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

export function acknowledge(escalation: Escalation, page: Page, responderId: string, at: string): EscalationEvent[] {
  const { escalationId } = escalation;
  const seconds = secondsBetween(page.pagedAt, at);
  const events: EscalationEvent[] = [
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

export function downgrade(
  escalation: Escalation,
  reason: DowngradeReason,
  followUpTicket: string | null,
  at: string,
  idOf?: (part: string) => string,
): EscalationEvent[] {
  return [
    {
      type: 'EscalationDowngraded',
      ...(idOf ? { id: idOf('downgraded') } : {}),
      data: { escalationId: escalation.escalationId, reason, priority: 'HIGH', followUpTicket, at },
    },
    ...cancelTriggered(escalation, at, 'ESCALATION_CLOSED', undefined, idOf && ((pageId) => idOf(`cancel-${pageId}`))),
  ];
}

export function pageNoLongerWaiting(page: Page): ConflictError {
  // who acknowledged it is named by the command handler (the decider knows only the actor id)
  return new ConflictError(`Page ${page.pageId} is already ${page.status.toLowerCase().replace('_', ' ')}`, {
    pageId: page.pageId,
    state: page.status,
    ...(page.acknowledgedBy ? { acknowledgedBy: page.acknowledgedBy } : {}),
  });
}
