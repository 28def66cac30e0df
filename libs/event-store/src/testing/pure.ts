/** Given/when/then helpers that load no store and no framework ('@app/event-store/testing/pure'). */
export * from './decider-specification.js';
