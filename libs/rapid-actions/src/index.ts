export * from './rapid-actions.module.js';
export * from './rapid-action-access.policy.js';
export * from './projections/rapid-action-status.queries.js';
export * from './domain/rapid-action/rapid-action.decider.js';
export * from './domain/rapid-action/rapid-action.events.js';
export * from './graphql/rapid-actions.read-access.js';
