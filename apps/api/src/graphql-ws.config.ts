import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import {
  AppError,
  formatGraphQLError,
  READER_ROLES,
  requireRole,
  type FieldAccess,
  type GraphQLContext,
  type RequestContext,
} from '@app/core';
import { closeReason, LIVE_CLOSE_UNAUTHENTICATED, type LiveConnections } from '@app/identity';

/** Subscriptions one connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;

export interface LiveGraphQLOptions {
  /** The executable schema, once Nest has built it. */
  schema: () => GraphQLSchema;
  connections: LiveConnections;
  fieldAccess: FieldAccess;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
}

type LiveContext = Context<Record<string, unknown> | undefined, Extra>;

/**
 * graphql-ws at /graphql on the API's port. A connection is signed in once, at `connection_init`
 * (LiveConnections: the same Authenticator as HTTP; 4401 with the reason when refused). Each
 * subscription then meets the HTTP path's rules before anything runs: the token limit, graphql-armor's
 * depth and cost rules, readers only, and the field-access table. Queries and mutations stay on
 * HTTP POST (rate limits, request budgets, CSRF); errors leave formatted as over HTTP.
 */
export function graphqlWsConfig(options: LiveGraphQLOptions): GraphQLWsSubscriptionsConfig {
  const signedIn = new WeakMap<object, RequestContext>();
  const rules = [...specifiedRules, ...options.validationRules];
  const config: ServerOptions<Record<string, unknown> | undefined, Extra> & { path: string } = {
    path: '/graphql',
    onConnect: async (ctx: LiveContext) => {
      const { socket, request } = ctx.extra;
      try {
        signedIn.set(ctx, await options.connections.connect(socket, ctx.connectionParams, request.headers));
        return true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        socket.close(LIVE_CLOSE_UNAUTHENTICATED, closeReason(error.message));
        return false;
      }
    },
    onClose: (ctx: LiveContext) => options.connections.disconnect(ctx.extra.socket),
    onSubscribe: (ctx: LiveContext, _id, payload) => {
      const requestContext = signedIn.get(ctx);
      if (!requestContext) return [refusal('UNAUTHENTICATED', 'The connection is not signed in')];
      if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        return [
          refusal(
            'TOO_MANY_REQUESTS',
            `A connection holds at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions; complete one first`,
          ),
        ];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: options.maxTokens });
      } catch (error) {
        return [refusal('GRAPHQL_PARSE_FAILED', (error as Error).message)];
      }
      const schema = options.schema();
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return invalid.map((e) => refusal('GRAPHQL_VALIDATION_FAILED', e.message));
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [refusal('BAD_REQUEST', 'Name the operation to run (operationName)')];
      if (operation.operation !== 'subscription') {
        return [
          refusal(
            'BAD_REQUEST',
            'Over graphql-ws this API serves subscriptions: send queries and mutations by HTTP POST',
          ),
        ];
      }
      try {
        requireRole(requestContext, READER_ROLES, 'subscribe to changes');
      } catch (error) {
        return [refusal('FORBIDDEN', (error as Error).message)];
      }
      const refused = options.fieldAccess.refusedFields(schema, document, requestContext.role);
      if (refused.length > 0) {
        const article = /^[aeiou]/.test(requestContext.role) ? 'An' : 'A';
        return [refusal('FORBIDDEN', `${article} ${requestContext.role} may not read ${refused.join(', ')}`)];
      }
      const contextValue: GraphQLContext = { requestContext };
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue,
      };
    },
    onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) =>
      result.errors ? { ...result, errors: result.errors.map(formatted) } : undefined,
    onError: (_ctx, _id, _payload, errors) => errors.map(formatted),
  };
  // onError is passed on to graphql-ws's useServer like the hooks Nest's type names
  return config as GraphQLWsSubscriptionsConfig;
}

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function formatted(error: GraphQLError) {
  return formatGraphQLError(error.toJSON(), error);
}
