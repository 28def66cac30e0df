export { EsdbGrpcDouble, type EsdbGrpcDoubleOptions } from './esdb-grpc-double.js';
export type { DropMode } from './all-subscription.js';
export type { AppendFault } from './append-faults.js';
export { SERVER_DEFAULT_LIMITS, eventSizeOnDisk, type AppendLimits } from './append-limits.js';
