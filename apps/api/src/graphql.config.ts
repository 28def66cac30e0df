import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  AppError,
  fieldAccessPlugin,
  formatGraphQLError,
  unsupportedOperationsPlugin,
  DEFAULT_REQUEST_BUDGET_MS,
  dropPropertyReaders,
  enforceIdArguments,
  enforceRequestBudget,
  requestBudgetPlugin,
  StrictDateTimeScalar,
  type GraphQLContext,
} from '@app/core';
import type { LiveConnections, SessionAuthenticator } from '@app/identity';
import { graphqlWsConfig } from './graphql-ws.config.js';
import { fieldAccess } from './read-access.js';
import { compiledExecution } from './compiled-execution.js';

const MAX_TOKENS = 2000;

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, TOO_MANY_REQUESTS: 429 };

/**
 * Apollo through Nest, code first.
 * - Every request is authenticated while its context is built, before anything is parsed or run:
 *   by its bearer token, or by its session cookie (with the session's x-csrf-token on a POST).
 * - graphql-armor limits depth, cost, aliases, directives and tokens of each operation.
 * - Each field is read only by the roles its context's read-access table names (fieldAccess).
 * - The stock landing pages load from a CDN, so they are off; GET /graphql in a browser serves
 *   the offline console instead (see configureApp).
 * - Every `Date` maps to the one strict DateTime scalar (RFC 3339 with an offset, real dates, 1970-9999).
 * - ID arguments must be UUIDs (BAD_USER_INPUT otherwise), before any lookup.
 * - Each request has a time budget: resolvers run under its deadline and time walks check it.
 * - Subscriptions over graphql-ws at the same path (see graphql-ws.config.ts), under the same rules.
 */
export interface GraphQLLimits {
  introspection: boolean;
  maxDepth: number;
  maxCost: number;
  production: boolean;
  /** Milliseconds one request may run (REQUEST_TIMEOUT after); 5,000 by default. */
  requestBudgetMs?: number;
}

export interface LiveGraphQL {
  connections: LiveConnections;
  /** The executable schema, once Nest has built it. */
  schema: () => GraphQLSchema;
}

export function graphqlConfig(
  limits: GraphQLLimits,
  authenticator: SessionAuthenticator,
  live: LiveGraphQL,
): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    // Counted by graphql-js's own parser instead (parseOptions below): armor's parser plugin makes Apollo answer 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: limits.production },
  }).protect();
  // Apollo parses, validates and runs the plugins; graphql-jit runs each operation (compiled-execution.ts).
  // Nest's option type leaves `gateway` out; its Apollo driver hands every option to ApolloServer.
  const compiled = { gateway: compiledExecution(live.schema) };
  return {
    autoSchemaFile: true,
    sortSchema: true,
    // skipCheck: Nest would run the introspection query over the new schema to find errors; Apollo's
    // start validates the final schema anyway (assertValidSchema), and the check cost ~130 ms a start.
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTimeScalar }], skipCheck: true },
    transformSchema: (schema) => enforceRequestBudget(enforceIdArguments(dropPropertyReaders(schema))),
    graphiql: false,
    introspection: limits.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    formatError: formatGraphQLError,
    // No resolver sets cache hints; without this plugin Apollo no longer wraps every field resolver.
    plugins: [
      ...(armor.plugins as NonNullable<ApolloDriverConfig['plugins']>),
      ApolloServerPluginCacheControlDisabled(),
      unsupportedOperationsPlugin(),
      fieldAccessPlugin(fieldAccess) as NonNullable<ApolloDriverConfig['plugins']>[number],
      requestBudgetPlugin(limits.requestBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS),
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    subscriptions: {
      'graphql-ws': graphqlWsConfig({
        ...live,
        fieldAccess,
        validationRules: armor.validationRules as ValidationRule[],
        maxTokens: MAX_TOKENS,
      }),
    },
    ...compiled,
    allowBatchedHttpRequests: false,
    context: async ({ req }: { req: Request }): Promise<GraphQLContext> => {
      try {
        return { requestContext: await authenticator.authenticateRequest(req) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new GraphQLError(error.message, {
          extensions: { code: error.code, ...error.details, http: { status: HTTP_STATUS[error.code] ?? 400 } },
        });
      }
    },
  };
}
