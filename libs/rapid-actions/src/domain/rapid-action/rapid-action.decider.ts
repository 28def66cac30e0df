import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { RapidActionEvent, RapidActionRevision } from './rapid-action.events.js';
import { updateDueAfter } from './update-cadence.js';
import type { RapidActionState } from './rapid-action.state.js';
import type { RapidActionCommand } from './rapid-action.commands.js';
import { open, resolved, criterion, nonBlank, sameScope } from './rapid-action.rules.js';
import { postUpdate } from './post-rapid-action-update.decide.js';
import { evolveRapidAction } from './rapid-action.evolve.js';

export type {
  ExitCriterion,
  RapidAction,
  RapidActionState,
  Resolution,
  Retrospective,
  SubDri,
} from './rapid-action.state.js';
export type { RapidActionCommand } from './rapid-action.commands.js';
export { updateKey } from './rapid-action.rules.js';

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

  evolve: evolveRapidAction,
};
