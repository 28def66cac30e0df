import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@app/core';
import type { Decider } from '@app/event-store';
import type {
  ExitCriterionDefinition,
  FollowUp,
  RapidActionEvent,
  RapidActionRevision,
  RapidActionUpdateData,
  Severity,
  SubDriScope,
} from './rapid-action.events.js';
import { localDate, updateDueAfter } from './update-cadence.js';
import { assertRequiredParts, noneToNull } from './update-parts.js';

export interface SubDri {
  responderId: string;
  scope: SubDriScope;
  assignedAt: string;
}

export interface ExitCriterion extends ExitCriterionDefinition {
  met: { evidence: string; by: string; at: string } | null;
}

export interface Resolution {
  resolvedBy: string;
  resolvedAt: string;
  summary: string | null;
  overriddenCriterionIds: string[];
  overrideReason: string | null;
}

export interface Retrospective {
  summary: string;
  documentUrl: string | null;
  heldOn: string | null;
  recordedAt: string;
}

export interface RapidAction {
  rapidActionId: string;
  title: string;
  problemStatement: string;
  problems: string[];
  severity: Severity;
  issuesInScope: string[];
  /** Seen only by its DRI, sub-DRIs and stakeholders; false once made public. */
  confidential: boolean;
  madePublicAt: string | null;
  driId: string;
  driTimeZone: string;
  stakeholderIds: string[];
  subDris: SubDri[];
  exitCriteria: ExitCriterion[];
  state: 'open' | 'resolved';
  declaredBy: string;
  declaredAt: string;
  lastUpdateAt: string | null;
  updateDueBy: string;
  overdueSince: string | null;
  /** The current version of each update, by `updateKey` (date and scope). */
  updateVersions: Record<string, { updateId: string; version: number }>;
  resolution: Resolution | null;
  followUps: FollowUp[];
  retrospective: Retrospective | null;
}

export type RapidActionState = RapidAction | null;

interface Envelope {
  rapidActionId: string;
  /** Who asks (a responder id); recorded where the read model shows who did what. */
  actor: string;
  now: string;
}

export type RapidActionCommand = Envelope &
  (
    | {
        type: 'DeclareRapidAction';
        title: string;
        problemStatement: string;
        problems: string[];
        severity: Severity;
        issuesInScope: string[];
        stakeholderIds: string[];
        driId: string;
        driTimeZone: string;
        confidential: boolean;
        exitCriteria: ExitCriterionDefinition[];
      }
    | { type: 'ReviseRapidAction'; changes: RapidActionRevision }
    | { type: 'ChangeDri'; driId: string; driTimeZone: string; reason: string | null }
    | { type: 'AddStakeholder' | 'RemoveStakeholder' | 'ReleaseSubDri'; responderId: string }
    | { type: 'AssignSubDri'; responderId: string; scope: SubDriScope }
    | ({ type: 'AddExitCriterion' } & ExitCriterionDefinition)
    /** `dashboardUrl` absent: keep the current link; null: remove it. */
    | ({ type: 'RewordExitCriterion'; dashboardUrl?: string | null } & Omit<ExitCriterionDefinition, 'dashboardUrl'>)
    | { type: 'MarkExitCriterionMet'; criterionId: string; evidence: string }
    | { type: 'MarkExitCriterionUnmet'; criterionId: string; reason: string }
    | {
        type: 'PostUpdate';
        updateId: string;
        /** Absent: today in the poster's zone. */
        date: string | null;
        posterTimeZone: string | null;
        progressSinceLastUpdate: string;
        progressExpectedByNextUpdate: string;
        blockers: string | null;
        praise: string | null;
      }
    | { type: 'Resolve'; summary: string | null; overrideUnmetCriteria: boolean; overrideReason: string | null }
    | { type: 'RecordFollowUps'; followUps: FollowUp[] }
    | { type: 'RecordRetrospective'; summary: string; documentUrl: string | null; heldOn: string | null }
    | { type: 'MakePublic'; reason: string | null }
    /** Time-driven: the deadline `dueBy` has passed without an update. */
    | { type: 'MarkOverdue'; dueBy: string; eventId: string }
  );

/** Updates are one per date and scope (the DRI's on the whole action, or a sub-DRI's scope); a second amends the first. */
export function updateKey(date: string, scope: SubDriScope | null): string {
  return scope ? `${date}|${scope.kind}:${scope.description.trim().toLowerCase()}` : `${date}|whole`;
}

function existing(state: RapidActionState, rapidActionId: string): RapidAction {
  if (!state) throw new NotFoundError('Rapid action', rapidActionId);
  return state;
}

function open(state: RapidActionState, rapidActionId: string, what: string): RapidAction {
  const action = existing(state, rapidActionId);
  if (action.state === 'resolved') {
    throw new ConflictError(`Rapid action "${action.title}" is resolved: it takes no more ${what}`, {
      rapidActionId,
    });
  }
  return action;
}

function resolved(state: RapidActionState, rapidActionId: string, what: string): RapidAction {
  const action = existing(state, rapidActionId);
  if (action.state !== 'resolved') {
    throw new ConflictError(`${what} once the rapid action is resolved`, { rapidActionId });
  }
  return action;
}

function criterion(action: RapidAction, criterionId: string): ExitCriterion {
  const found = action.exitCriteria.find((c) => c.criterionId === criterionId);
  if (!found) throw new NotFoundError('Exit criterion', criterionId);
  return found;
}

function nonBlank(field: string, value: string, message: string): void {
  if (!value.trim()) throw new BadUserInputError(field, message);
}

const sameScope = (a: SubDriScope, b: SubDriScope) =>
  a.kind === b.kind && a.description.trim().toLowerCase() === b.description.trim().toLowerCase();

export const rapidActionDecider: Decider<RapidActionCommand, RapidActionState, RapidActionEvent> = {
  initialState: () => null,

  decide(command, state) {
    const { rapidActionId, now } = command;
    switch (command.type) {
      case 'DeclareRapidAction': {
        if (state) throw new ConflictError(`Rapid action ${rapidActionId} already exists`);
        nonBlank('title', command.title, 'title is required');
        const problems = command.problems.map((p) => p.trim()).filter(Boolean);
        if (problems.length === 0) {
          throw new BadUserInputError('problems', 'state at least one problem, with a figure to measure it by');
        }
        if (command.exitCriteria.length === 0) {
          throw new BadUserInputError('exitCriteria', 'state at least one exit criterion');
        }
        const { type: _, actor, now: __, ...definition } = command;
        return [
          {
            type: 'RapidActionDeclared',
            data: {
              ...definition,
              problems,
              stakeholderIds: [...new Set(command.stakeholderIds)],
              declaredBy: actor,
              declaredAt: now,
              updateDueBy: updateDueAfter(now, command.driTimeZone),
            },
          },
        ];
      }

      case 'ReviseRapidAction': {
        const action = open(state, rapidActionId, 'revisions');
        const requested: RapidActionRevision = {
          ...command.changes,
          ...(command.changes.title != null ? { title: command.changes.title.trim() } : {}),
          ...(command.changes.problems != null
            ? { problems: command.changes.problems.map((p) => p.trim()).filter(Boolean) }
            : {}),
        };
        // Absent or null: unchanged.
        const changes = Object.fromEntries(
          Object.entries(requested).filter(
            ([key, value]) =>
              value != null && JSON.stringify(value) !== JSON.stringify(action[key as keyof RapidActionRevision]),
          ),
        ) as RapidActionRevision;
        if (changes.title !== undefined) nonBlank('title', changes.title, 'title cannot be blank');
        if (changes.problems?.length === 0) throw new BadUserInputError('problems', 'state at least one problem');
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'RapidActionRevised', data: { rapidActionId, changes, revisedAt: now } }];
      }

      case 'ChangeDri': {
        const action = open(state, rapidActionId, 'changes');
        if (command.driId === action.driId) return [];
        const updateDueBy = updateDueAfter(action.lastUpdateAt ?? action.declaredAt, command.driTimeZone);
        const events: RapidActionEvent[] = [];
        if (action.subDris.some((s) => s.responderId === command.driId)) {
          events.push({
            type: 'RapidActionSubDriReleased',
            data: { rapidActionId, responderId: command.driId, at: now },
          });
        }
        events.push({
          type: 'RapidActionDriChanged',
          data: {
            rapidActionId,
            previousDriId: action.driId,
            driId: command.driId,
            driTimeZone: command.driTimeZone,
            reason: command.reason,
            changedAt: now,
            updateDueBy,
          },
        });
        if (!action.stakeholderIds.includes(action.driId)) {
          // The former DRI keeps following the action (and, when it is confidential, keeps seeing it).
          events.push({
            type: 'RapidActionStakeholderAdded',
            data: { rapidActionId, responderId: action.driId, at: now },
          });
        }
        if (Date.parse(updateDueBy) <= Date.parse(now) && !action.overdueSince) {
          events.push({
            type: 'RapidActionBecameOverdue',
            data: { rapidActionId, dueBy: updateDueBy, overdueSince: now },
          });
        }
        return events;
      }

      case 'AddStakeholder': {
        const action = open(state, rapidActionId, 'changes');
        if (action.stakeholderIds.includes(command.responderId)) return [];
        return [
          { type: 'RapidActionStakeholderAdded', data: { rapidActionId, responderId: command.responderId, at: now } },
        ];
      }

      case 'RemoveStakeholder': {
        const action = open(state, rapidActionId, 'changes');
        if (!action.stakeholderIds.includes(command.responderId)) {
          throw new NotFoundError('Stakeholder', command.responderId);
        }
        return [
          { type: 'RapidActionStakeholderRemoved', data: { rapidActionId, responderId: command.responderId, at: now } },
        ];
      }

      case 'AssignSubDri': {
        const action = open(state, rapidActionId, 'changes');
        if (command.responderId === action.driId) {
          throw new BadUserInputError('responderId', 'the DRI cannot also be one of its sub-DRIs');
        }
        nonBlank('scope.description', command.scope.description, 'say which part, perspective or time zone');
        const current = action.subDris.find((s) => s.responderId === command.responderId);
        if (current && sameScope(current.scope, command.scope)) return [];
        return [
          {
            type: 'RapidActionSubDriAssigned',
            data: { rapidActionId, responderId: command.responderId, scope: command.scope, at: now },
          },
        ];
      }

      case 'ReleaseSubDri': {
        const action = open(state, rapidActionId, 'changes');
        if (!action.subDris.some((s) => s.responderId === command.responderId)) {
          throw new NotFoundError('Sub-DRI', command.responderId);
        }
        return [
          { type: 'RapidActionSubDriReleased', data: { rapidActionId, responderId: command.responderId, at: now } },
        ];
      }

      case 'AddExitCriterion': {
        const action = open(state, rapidActionId, 'changes');
        nonBlank('description', command.description, 'describe the exit criterion');
        if (action.exitCriteria.some((c) => c.criterionId === command.criterionId)) return [];
        const { criterionId, description, dashboardUrl } = command;
        return [
          {
            type: 'RapidActionExitCriterionAdded',
            data: { rapidActionId, criterionId, description, dashboardUrl, at: now },
          },
        ];
      }

      case 'RewordExitCriterion': {
        const current = criterion(open(state, rapidActionId, 'changes'), command.criterionId);
        nonBlank('description', command.description, 'describe the exit criterion');
        const { criterionId, description } = command;
        const dashboardUrl = command.dashboardUrl === undefined ? current.dashboardUrl : command.dashboardUrl;
        if (current.description === description && current.dashboardUrl === dashboardUrl) return [];
        return [
          {
            type: 'RapidActionExitCriterionReworded',
            data: { rapidActionId, criterionId, description, dashboardUrl, at: now },
          },
        ];
      }

      case 'MarkExitCriterionMet': {
        const current = criterion(open(state, rapidActionId, 'changes'), command.criterionId);
        nonBlank('evidence', command.evidence, 'say how you know it is met (a dashboard, a figure, a link)');
        if (current.met?.evidence === command.evidence) return [];
        return [
          {
            type: 'RapidActionExitCriterionMet',
            data: {
              rapidActionId,
              criterionId: command.criterionId,
              evidence: command.evidence,
              by: command.actor,
              at: now,
            },
          },
        ];
      }

      case 'MarkExitCriterionUnmet': {
        const current = criterion(open(state, rapidActionId, 'changes'), command.criterionId);
        nonBlank('reason', command.reason, 'say why it is no longer met');
        if (!current.met) return [];
        return [
          {
            type: 'RapidActionExitCriterionUnmet',
            data: {
              rapidActionId,
              criterionId: command.criterionId,
              reason: command.reason,
              by: command.actor,
              at: now,
            },
          },
        ];
      }

      case 'PostUpdate':
        return [postUpdate(open(state, rapidActionId, 'status updates'), command)];

      case 'Resolve': {
        const action = open(state, rapidActionId, 'changes');
        const unmet = action.exitCriteria.filter((c) => !c.met);
        if (unmet.length > 0 && !command.overrideUnmetCriteria) {
          throw new ConflictError(
            `${unmet.length} of ${action.exitCriteria.length} exit criteria are not met yet ` +
              `(${unmet.map((c) => `"${c.description}"`).join(', ')}): mark them met with evidence, ` +
              'or resolve with overrideUnmetCriteria and a reason',
            { unmetCriterionIds: unmet.map((c) => c.criterionId) },
          );
        }
        const overriding = unmet.length > 0;
        if (overriding && !command.overrideReason?.trim()) {
          throw new BadUserInputError('overrideReason', 'resolving with unmet exit criteria needs a reason');
        }
        return [
          {
            type: 'RapidActionResolved',
            data: {
              rapidActionId,
              resolvedBy: command.actor,
              resolvedAt: now,
              summary: command.summary,
              overriddenCriterionIds: unmet.map((c) => c.criterionId),
              overrideReason: overriding ? command.overrideReason : null,
            },
          },
        ];
      }

      case 'RecordFollowUps': {
        resolved(state, rapidActionId, 'Follow-up actions are recorded');
        if (command.followUps.length === 0) {
          throw new BadUserInputError('followUps', 'list at least one follow-up action');
        }
        return [
          { type: 'RapidActionFollowUpsRecorded', data: { rapidActionId, followUps: command.followUps, at: now } },
        ];
      }

      case 'RecordRetrospective': {
        resolved(state, rapidActionId, 'The retrospective is recorded');
        nonBlank('summary', command.summary, 'summarise what the retrospective found');
        const { summary, documentUrl, heldOn } = command;
        return [
          { type: 'RapidActionRetrospectiveRecorded', data: { rapidActionId, summary, documentUrl, heldOn, at: now } },
        ];
      }

      case 'MakePublic': {
        const action = resolved(state, rapidActionId, 'A confidential rapid action can be made public');
        if (!action.confidential) return [];
        return [
          {
            type: 'RapidActionMadePublic',
            data: { rapidActionId, reason: command.reason, by: command.actor, at: now },
          },
        ];
      }

      case 'MarkOverdue': {
        const stillDue =
          state?.state === 'open' &&
          !state.overdueSince &&
          state.updateDueBy === command.dueBy &&
          Date.parse(command.dueBy) <= Date.parse(now);
        if (!stillDue) return [];
        return [
          {
            type: 'RapidActionBecameOverdue',
            id: command.eventId,
            data: { rapidActionId, dueBy: command.dueBy, overdueSince: command.dueBy },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'RapidActionDeclared') {
      const { exitCriteria, ...declared } = event.data;
      return {
        ...declared,
        madePublicAt: null,
        subDris: [],
        exitCriteria: exitCriteria.map((c) => ({ ...c, met: null })),
        state: 'open',
        lastUpdateAt: null,
        overdueSince: null,
        updateVersions: {},
        resolution: null,
        followUps: [],
        retrospective: null,
      };
    }
    if (!state) return state;
    const withCriterion = (criterionId: string, change: (c: ExitCriterion) => ExitCriterion) => ({
      ...state,
      exitCriteria: state.exitCriteria.map((c) => (c.criterionId === criterionId ? change(c) : c)),
    });
    switch (event.type) {
      case 'RapidActionRevised':
        return { ...state, ...event.data.changes };
      case 'RapidActionDriChanged': {
        const { driId, driTimeZone, updateDueBy, changedAt } = event.data;
        const stillOverdue = Date.parse(updateDueBy) <= Date.parse(changedAt) ? state.overdueSince : null;
        return { ...state, driId, driTimeZone, updateDueBy, overdueSince: stillOverdue };
      }
      case 'RapidActionStakeholderAdded':
        return { ...state, stakeholderIds: [...state.stakeholderIds, event.data.responderId] };
      case 'RapidActionStakeholderRemoved':
        return { ...state, stakeholderIds: state.stakeholderIds.filter((id) => id !== event.data.responderId) };
      case 'RapidActionSubDriAssigned': {
        const { responderId, scope, at } = event.data;
        const others = state.subDris.filter((s) => s.responderId !== responderId);
        return { ...state, subDris: [...others, { responderId, scope, assignedAt: at }] };
      }
      case 'RapidActionSubDriReleased':
        return { ...state, subDris: state.subDris.filter((s) => s.responderId !== event.data.responderId) };
      case 'RapidActionExitCriterionAdded': {
        const { criterionId, description, dashboardUrl } = event.data;
        return {
          ...state,
          exitCriteria: [...state.exitCriteria, { criterionId, description, dashboardUrl, met: null }],
        };
      }
      case 'RapidActionExitCriterionReworded': {
        const { description, dashboardUrl } = event.data;
        return withCriterion(event.data.criterionId, (c) => ({ ...c, description, dashboardUrl }));
      }
      case 'RapidActionExitCriterionMet': {
        const { evidence, by, at } = event.data;
        return withCriterion(event.data.criterionId, (c) => ({ ...c, met: { evidence, by, at } }));
      }
      case 'RapidActionExitCriterionUnmet':
        return withCriterion(event.data.criterionId, (c) => ({ ...c, met: null }));
      case 'RapidActionUpdatePosted':
      case 'RapidActionUpdateAmended': {
        const { date, scope, updateId, version, postedAt, updateDueBy } = event.data;
        return {
          ...state,
          lastUpdateAt: postedAt,
          updateDueBy,
          overdueSince: null,
          updateVersions: { ...state.updateVersions, [updateKey(date, scope)]: { updateId, version } },
        };
      }
      case 'RapidActionBecameOverdue':
        return { ...state, overdueSince: event.data.overdueSince };
      case 'RapidActionResolved': {
        const { rapidActionId: _, ...resolution } = event.data;
        return { ...state, state: 'resolved', resolution };
      }
      case 'RapidActionFollowUpsRecorded':
        return { ...state, followUps: [...state.followUps, ...event.data.followUps] };
      case 'RapidActionRetrospectiveRecorded': {
        const { summary, documentUrl, heldOn, at } = event.data;
        return { ...state, retrospective: { summary, documentUrl, heldOn, recordedAt: at } };
      }
      case 'RapidActionMadePublic':
        return { ...state, confidential: false, madePublicAt: event.data.at };
    }
  },
};

type PostUpdate = Extract<RapidActionCommand, { type: 'PostUpdate' }>;

function postUpdate(action: RapidAction, command: PostUpdate): RapidActionEvent {
  const subDri = action.subDris.find((s) => s.responderId === command.actor);
  if (command.actor !== action.driId && !subDri) {
    throw new ForbiddenError('Only the DRI or a sub-DRI of this rapid action may post its status updates');
  }
  assertRequiredParts(command);
  const zone = command.posterTimeZone ?? action.driTimeZone;
  const today = localDate(command.now, zone);
  const date = command.date ?? today;
  if (date > today) {
    throw new BadUserInputError('date', `date cannot be later than today (${today} in ${zone})`);
  }
  const declaredOn = localDate(action.declaredAt, zone);
  if (date < declaredOn) {
    throw new BadUserInputError(
      'date',
      `date cannot be before the rapid action was declared (${declaredOn} in ${zone})`,
    );
  }
  const scope = command.actor === action.driId ? null : subDri!.scope;
  const previous = action.updateVersions[updateKey(date, scope)];
  const data: RapidActionUpdateData = {
    rapidActionId: action.rapidActionId,
    updateId: command.updateId,
    date,
    scope,
    postedBy: command.actor,
    postedAs: scope ? 'sub-dri' : 'dri',
    postedAt: command.now,
    progressSinceLastUpdate: command.progressSinceLastUpdate.trim(),
    progressExpectedByNextUpdate: command.progressExpectedByNextUpdate.trim(),
    blockers: noneToNull(command.blockers),
    praise: noneToNull(command.praise),
    version: previous ? previous.version + 1 : 1,
    amendsUpdateId: previous?.updateId ?? null,
    updateDueBy: updateDueAfter(command.now, action.driTimeZone),
  };
  return { type: previous ? 'RapidActionUpdateAmended' : 'RapidActionUpdatePosted', data };
}
