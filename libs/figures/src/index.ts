export * from './figures.module.js';
export * from './queries/on-call-figures.query.js';
export * from './queries/thank-you.js';
