/**
 * The part of @app/event-store that loads no framework and no store: the decider types, `fold`
 * and deterministic ids. Domain code and decider specs import it as '@app/event-store/pure'.
 */
export * from './decider/decider.js';
export * from './decider/deterministic-id.js';
export * from './unique-key/unique-key.decider.js';
