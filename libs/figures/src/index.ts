export * from './figures.module.js';
export * from './queries/on-call-figures.query.js';
export * from './queries/thank-you.js';
export * from './projections/escalation-figures.projection.js';
export * from './queries/escalation-figures.query.js';
export * from './queries/acknowledgement-stats.js';
export * from './graphql/figures.read-access.js';
