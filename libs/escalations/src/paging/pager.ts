import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { rotationZoneAt, ScheduleQueries } from '@app/scheduling';
import { defaultPolicy, type PolicySnapshot, type PolicyStep } from '../domain/escalation/escalation.types.js';
import type { Candidate, CandidateSource, StepFacts } from '../domain/escalation/paging.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

/**
 * Gathers what the pure paging choice needs at an instant: for each policy step, who could be
 * paged (from the schedule or the step's list), their presence, when they were last paged, and
 * whether they are already DRI of an open emergency.
 */
@Injectable()
export class Pager {
  constructor(
    private readonly schedule: ScheduleQueries,
    private readonly queries: EscalationQueries,
  ) {}

  /** The rotation's policy, or the default: page whoever is on call, 15 minutes to acknowledge. */
  policyFor(rotationId: string): PolicySnapshot {
    return this.queries.policy(rotationId) ?? defaultPolicy(rotationId);
  }

  facts(policy: PolicySnapshot, at: Date, escalationId?: string): StepFacts[] {
    return policy.steps.map((step, index) => this.stepFacts(policy, step, index, at, escalationId));
  }

  /** The backup pool's members as candidates (nobody is skipped: the manager asked for all of them). */
  backupPool(policy: PolicySnapshot, exclude: string[]): Candidate[] {
    const ids = policy.backupPoolIds.filter((id) => !exclude.includes(id) && this.schedule.isPageable(id));
    return this.candidates(ids, new Set(), new Map());
  }

  private stepFacts(
    policy: PolicySnapshot,
    step: PolicyStep,
    index: number,
    at: Date,
    escalationId?: string,
  ): StepFacts {
    const base = { step: index, layer: step.layer, ackTimeoutMinutes: step.ackTimeoutMinutes };
    if (!step.rotationId) {
      const ids = (step.responderIds ?? []).filter((id) => this.schedule.isPageable(id, at));
      return {
        ...base,
        rotationId: null,
        source: 'LISTED',
        candidates: this.candidates(ids, new Set(), new Map()),
        shadowIds: [],
      };
    }
    const [entry] = this.schedule.onCallAt(at, [step.rotationId]);
    const ids = [...new Set(entry.onCall.map((s) => s.responderId))];
    const dri = new Set(entry.onCall.filter((s) => s.isDri).map((s) => s.responderId));
    const busy =
      step.layer === 'RESPONDER' ? this.queries.openEmergencyOf(ids, escalationId) : new Map<string, string>();
    const leastRecentlyEscalated =
      step.layer === 'RESPONDER' &&
      policy.pagingMode === 'LEAST_RECENTLY_ESCALATED_ONLINE' &&
      isWeekday(at, rotationZoneAt(entry.rotation, at.getTime()));
    const source: CandidateSource = leastRecentlyEscalated ? 'LEAST_RECENTLY_ESCALATED_ONLINE' : 'ON_CALL';
    return {
      ...base,
      rotationId: step.rotationId,
      source,
      candidates: this.candidates(ids, dri, busy),
      shadowIds: entry.shadowIds,
    };
  }

  private candidates(ids: string[], dri: Set<string>, busy: Map<string, string>): Candidate[] {
    const presence = this.queries.presence(ids);
    return ids.map((responderId) => {
      const p = presence.get(responderId)!;
      return {
        responderId,
        online: p.status === 'ONLINE',
        lastEscalatedAt: p.lastPagedAt,
        busyWith: busy.get(responderId) ?? null,
        isDri: dri.has(responderId),
      };
    });
  }
}

/** Monday to Friday in the given zone. */
export function isWeekday(at: Date, timeZone: string): boolean {
  return DateTime.fromJSDate(at, { zone: timeZone }).weekday <= 5;
}
