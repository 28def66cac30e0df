export * from './event-store.contract.js';
export * from './decider-specification.js';
export * from './esdb-grpc-double/index.js';
