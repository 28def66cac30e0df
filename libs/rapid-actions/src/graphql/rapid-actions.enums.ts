import { enumFromList } from '@app/core';
import {
  RAPID_ACTION_SEVERITIES,
  RAPID_ACTION_STATES,
  SCOPE_KINDS,
  UPDATE_POSTER_ROLES,
  type RapidActionLifecycle,
  type ScopeKind,
  type Severity,
  type UpdatePosterRole as PosterRole,
} from '../domain/rapid-action/rapid-action.events.js';

export const RapidActionStateValue = enumFromList(RAPID_ACTION_STATES, 'RapidActionState', { names: 'upper' });
export type RapidActionStateValue = RapidActionLifecycle;

export const RapidActionSeverity = enumFromList(RAPID_ACTION_SEVERITIES, 'RapidActionSeverity', {
  description: 'S1 is the most severe',
});
export type RapidActionSeverity = Severity;

export const SubDriScopeKind = enumFromList(SCOPE_KINDS, 'SubDriScopeKind', {
  names: 'upper',
  description: 'What a sub-DRI answers for',
  valueDescriptions: {
    part: 'A part of the problem',
    perspective: 'A perspective: engineering, infrastructure, product…',
    'time-zone': 'A time zone or region: AMER, EMEA, APAC…',
  },
});
export type SubDriScopeKind = ScopeKind;

export const UpdatePosterRole = enumFromList(UPDATE_POSTER_ROLES, 'UpdatePosterRole', { names: 'upper' });
export type UpdatePosterRole = PosterRole;
