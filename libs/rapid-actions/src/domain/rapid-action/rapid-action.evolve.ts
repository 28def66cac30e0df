import type { RapidActionEvent } from './rapid-action.events.js';
import type { ExitCriterion, RapidActionState } from './rapid-action.state.js';
import { updateKey, open, resolved } from './rapid-action.rules.js';

/** The rapid action after one more event: the decider's `evolve`. */
export function evolveRapidAction(state: RapidActionState, event: RapidActionEvent): RapidActionState {
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
}
