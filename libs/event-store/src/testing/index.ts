export * from './event-store.contract.js';
export * from './pure.js';
export * from './esdb-grpc-double/index.js';
export * from './projection-specification.js';
