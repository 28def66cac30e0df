import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Operations this API does not offer are refused with a typed code before anything runs:
 * subscriptions are served over graphql-ws only, so one sent by HTTP POST is BAD_REQUEST.
 */
export function unsupportedOperationsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are served over graphql-ws (a WebSocket to /graphql), not by HTTP POST',
            {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            },
          );
        },
      };
    },
  };
}
