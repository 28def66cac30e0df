import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { formatGraphQLError, requestContextFromHeaders, type GraphQLContext } from '@app/core';

/**
 * Apollo through Nest, code first. The stock landing pages load from a CDN, so they are off;
 * GET /graphql in a browser serves the offline console instead (see configureApp).
 */
export function graphqlConfig(introspection: boolean): ApolloDriverConfig {
  return {
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    formatError: formatGraphQLError,
    // No resolver sets cache hints; without this plugin Apollo no longer wraps every field resolver.
    plugins: [ApolloServerPluginCacheControlDisabled()],
    context: ({ req }: { req: Request }): GraphQLContext => ({ requestContext: requestContextFromHeaders(req) }),
  };
}
