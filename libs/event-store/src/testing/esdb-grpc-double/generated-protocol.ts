/**
 * The protobuf classes and gRPC service definitions that @eventstore/db-client ships. They are
 * CommonJS modules whose exports Node cannot detect statically, so they are imported whole.
 */
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

export const { StreamsService } = streamsGrpc;
export const { ServerFeaturesService } = serverFeaturesGrpc;
export const streams = streamsPb;
export const shared = sharedPb;
export const serverFeatures = serverFeaturesPb;
export const rpcStatus = statusPb;
export const { Code } = codePb;
export const { Any } = anyPb;
export const GoogleEmpty = emptyPb.Empty;

export type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
  DeleteResp,
  ReadReq,
  ReadResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb.js';
export type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb.js';
export type { IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
export type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb.js';
export type { Status } from '@eventstore/db-client/generated/status_pb.js';
