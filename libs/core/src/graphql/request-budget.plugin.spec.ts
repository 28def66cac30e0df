import { ApolloServer } from '@apollo/server';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { checkRequestBudget } from '../time/request-budget.js';
import { formatGraphQLError } from './format-graphql-error.js';
import { enforceRequestBudget, requestBudgetPlugin } from './request-budget.plugin.js';

/** A walk that never ends by itself, checking the budget as the time walks do. */
function spin(): number {
  for (let i = 0; ; i++) if (i % 256 === 0) checkRequestBudget();
}

function server(budgetMs: number) {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        spin: { type: GraphQLInt, resolve: spin },
        quick: { type: GraphQLInt, resolve: () => 1 },
        later: { type: GraphQLInt, resolve: async () => (await new Promise((r) => setTimeout(r, 30)), spin()) },
      },
    }),
  });
  return new ApolloServer({
    schema: enforceRequestBudget(schema),
    plugins: [requestBudgetPlugin(budgetMs)],
    formatError: formatGraphQLError,
  });
}

async function run(apollo: ApolloServer, query: string) {
  const response = await apollo.executeOperation({ query }, { contextValue: {} });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('the per-request time budget', () => {
  it('ends a resolver spinning past the budget with REQUEST_TIMEOUT', async () => {
    const apollo = server(50);
    const started = Date.now();
    const result = await run(apollo, '{ spin }');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.errors?.[0].extensions).toEqual({ code: 'REQUEST_TIMEOUT', budgetMs: 50 });
    expect(result.errors?.[0].message).toMatch(/budget of 50 ms/);
  });

  it('follows the work across awaits, and leaves quick requests alone', async () => {
    const apollo = server(50);
    expect((await run(apollo, '{ quick }')).data).toEqual({ quick: 1 });
    const result = await run(apollo, '{ later }');
    expect(result.errors?.[0].extensions?.code).toBe('REQUEST_TIMEOUT');
  });

  it('does nothing outside a request', () => {
    expect(() => checkRequestBudget()).not.toThrow();
  });

  it('leaves the deadline inside the request: its caller runs on without it', async () => {
    const apollo = server(20);
    expect((await run(apollo, '{ quick }')).data).toEqual({ quick: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(() => checkRequestBudget()).not.toThrow();
  });

  it('holds every resolver of the request to it, not only the first', async () => {
    const apollo = server(50);
    const result = await run(apollo, '{ quick spin }');
    expect(result.data).toEqual({ quick: 1, spin: null });
    expect(result.errors?.[0].extensions?.code).toBe('REQUEST_TIMEOUT');
  });
});
