import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Operations this API does not offer are refused with a typed code before anything runs: there
 * are no subscriptions (and none would be served over HTTP POST), so a subscription operation is
 * BAD_REQUEST rather than graphql-js's untyped "Schema is not configured" error.
 */
export function unsupportedOperationsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are not offered: this API answers queries and mutations over HTTP POST',
            {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            },
          );
        },
      };
    },
  };
}
