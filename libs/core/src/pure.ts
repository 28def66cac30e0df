/**
 * The part of @app/core that loads no framework (no Nest, GraphQL or class-validator): errors,
 * the clock, request contexts and time helpers. Domain code (deciders, rules) and their specs
 * import it as '@app/core/pure' so they stay light.
 */
export * from './errors/app-error.js';
export * from './clock/clock.js';
export * from './clock/manual-clock.js';
export * from './request-context/request-context.js';
export * from './time/time-limits.js';
export * from './time/time-zone.js';
export * from './time/request-budget.js';
export * from './time/bounded-walk.js';
