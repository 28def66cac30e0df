import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  AppError,
  fieldAccessPlugin,
  formatGraphQLError,
  unsupportedOperationsPlugin,
  DEFAULT_REQUEST_BUDGET_MS,
  enforceIdArguments,
  enforceRequestBudget,
  requestBudgetPlugin,
  StrictDateTimeScalar,
  type GraphQLContext,
} from '@app/core';
import type { SessionAuthenticator } from '@app/identity';
import { fieldAccess } from './read-access.js';

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
 */
export interface GraphQLLimits {
  introspection: boolean;
  maxDepth: number;
  maxCost: number;
  production: boolean;
  /** Milliseconds one request may run (REQUEST_TIMEOUT after); 5,000 by default. */
  requestBudgetMs?: number;
}

export function graphqlConfig(limits: GraphQLLimits, authenticator: SessionAuthenticator): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    // Counted by graphql-js's own parser instead (parseOptions below): armor's parser plugin makes Apollo answer 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: limits.production },
  }).protect();
  return {
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTimeScalar }] },
    transformSchema: (schema) => enforceRequestBudget(enforceIdArguments(schema)),
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
    parseOptions: { maxTokens: 2000 },
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
