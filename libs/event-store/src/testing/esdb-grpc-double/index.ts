export { EsdbGrpcDouble } from './esdb-grpc-double.js';
export type { DropMode } from './all-subscription.js';
