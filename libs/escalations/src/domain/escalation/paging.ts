import type { EscalationLayer } from './escalation.types.js';

/** What the pager knows about a responder it could page, at the instant of paging. */
export interface Candidate {
  responderId: string;
  /** Presence (online / away) at the instant; unknown counts as away. */
  online: boolean;
  /** When they were last paged, if ever. */
  lastEscalatedAt: string | null;
  /** An open S1/S2 escalation they are already the DRI of. */
  busyWith: string | null;
  /** Whether the schedule makes them the DRI of their rotation at the instant. */
  isDri: boolean;
}

export type CandidateSource = 'ON_CALL' | 'LEAST_RECENTLY_ESCALATED_ONLINE' | 'LISTED';

/** One step of a policy with the people it could reach at the instant (gathered by the command handler). */
export interface StepFacts {
  step: number;
  layer: EscalationLayer;
  rotationId: string | null;
  source: CandidateSource;
  /** In schedule order (on-call) or listed order. */
  candidates: Candidate[];
  /** Shadows of the rotation at the instant: they get a copy. */
  shadowIds: string[];
  ackTimeoutMinutes: number;
}

export const SELECTION_RULES = [
  'ON_CALL',
  'LEAST_RECENTLY_ESCALATED_ONLINE',
  'NOBODY_ONLINE_ON_CALL',
  'LISTED',
] as const;
export type SelectionRule = (typeof SELECTION_RULES)[number];

export interface SelectionCandidate extends Candidate {
  chosen: boolean;
}

/** Why these recipients: the rule applied and every candidate considered. */
export interface Selection {
  rule: SelectionRule;
  candidates: SelectionCandidate[];
}

export const SKIP_REASONS = ['NOBODY_ON_CALL', 'RESPONDER_BUSY'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedStep {
  step: number;
  layer: EscalationLayer;
  reason: SkipReason;
  /** For RESPONDER_BUSY: the emergency the responder is already DRI of. */
  busyWith?: string;
}

export interface PageChoice {
  step: number;
  layer: EscalationLayer;
  rotationId: string | null;
  recipients: string[];
  shadowIds: string[];
  ackTimeoutMinutes: number;
  selection: Selection;
  skippedSteps: SkippedStep[];
}

export type PagingOutcome = { page: PageChoice } | { exhausted: true; skippedSteps: SkippedStep[] };

/**
 * Picks who to page, starting at policy step `from`:
 * - a step with nobody to reach is skipped;
 * - the responder layer skips on-call responders already DRI of an open S1/S2 emergency; when
 *   all are, the page goes to the next MANAGER step (the manager on call finds someone);
 * - with LEAST_RECENTLY_ESCALATED_ONLINE, the online candidate paged longest ago (or never) is
 *   chosen, nobody online falls back to the schedule; otherwise the schedule's DRI, or first;
 * - listed responders (directors) are paged together.
 */
export function choosePage(facts: StepFacts[], from: number): PagingOutcome {
  const skippedSteps: SkippedStep[] = [];
  for (let index = from; index < facts.length; index++) {
    const step = facts[index];
    if (step.candidates.length === 0) {
      skippedSteps.push({ step: step.step, layer: step.layer, reason: 'NOBODY_ON_CALL' });
      continue;
    }
    if (step.source === 'LISTED') {
      return { page: choice(step, step.candidates, 'LISTED', skippedSteps) };
    }
    const free = step.layer === 'RESPONDER' ? step.candidates.filter((c) => c.busyWith === null) : step.candidates;
    if (free.length === 0) {
      const manager = facts.findIndex((f, i) => i > index && f.layer === 'MANAGER');
      if (manager >= 0) {
        skippedSteps.push({
          step: step.step,
          layer: step.layer,
          reason: 'RESPONDER_BUSY',
          busyWith: step.candidates[0].busyWith!,
        });
        index = manager - 1;
        continue;
      }
      return { page: choice(step, [pickOnCall(step.candidates)], 'ON_CALL', skippedSteps) };
    }
    if (step.source === 'LEAST_RECENTLY_ESCALATED_ONLINE') {
      const online = free.filter((c) => c.online);
      if (online.length > 0) {
        return {
          page: choice(step, [leastRecentlyEscalated(online)], 'LEAST_RECENTLY_ESCALATED_ONLINE', skippedSteps),
        };
      }
      return { page: choice(step, [pickOnCall(free)], 'NOBODY_ONLINE_ON_CALL', skippedSteps) };
    }
    return { page: choice(step, [pickOnCall(free)], 'ON_CALL', skippedSteps) };
  }
  return { exhausted: true, skippedSteps };
}

function pickOnCall(candidates: Candidate[]): Candidate {
  return candidates.find((c) => c.isDri) ?? candidates[0];
}

/** Never paged first; then the oldest last page; ties keep schedule order. */
function leastRecentlyEscalated(candidates: Candidate[]): Candidate {
  let best = candidates[0];
  for (const candidate of candidates.slice(1)) {
    if (best.lastEscalatedAt === null) break;
    if (candidate.lastEscalatedAt === null || candidate.lastEscalatedAt < best.lastEscalatedAt) best = candidate;
  }
  return best;
}

function choice(step: StepFacts, chosen: Candidate[], rule: SelectionRule, skippedSteps: SkippedStep[]): PageChoice {
  const ids = new Set(chosen.map((c) => c.responderId));
  return {
    step: step.step,
    layer: step.layer,
    rotationId: step.rotationId,
    recipients: chosen.map((c) => c.responderId),
    shadowIds: step.shadowIds.filter((id) => !ids.has(id)),
    ackTimeoutMinutes: step.ackTimeoutMinutes,
    selection: { rule, candidates: step.candidates.map((c) => ({ ...c, chosen: ids.has(c.responderId) })) },
    skippedSteps,
  };
}
