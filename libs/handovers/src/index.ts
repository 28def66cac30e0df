export * from './handovers.module.js';
export * from './projections/handover.queries.js';
export * from './projections/shift-boundaries.projection.js';
export * from './domain/handover/handover.events.js';
export * from './domain/handover/handover.decider.js';
export * from './scheduler/shift-boundary.source.js';
export * from './graphql/handovers.read-access.js';
export { boundaryId } from './scheduler/boundary-recorder.js';
