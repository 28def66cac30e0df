import type { ApolloServerPlugin } from '@apollo/server';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { enterRequestBudget, RequestDeadline } from '../time/request-budget.js';

interface BudgetedContext {
  deadline?: RequestDeadline;
}

/**
 * The per-request time budget. The plugin gives each request a deadline when it starts (its
 * context's `deadline`); `enforceRequestBudget` makes every resolver check it before running and
 * run under it, so the time walks (which call checkRequestBudget as they go) end a request past
 * its budget with REQUEST_TIMEOUT instead of holding the event loop.
 */
export function requestBudgetPlugin(budgetMs: number): ApolloServerPlugin<BudgetedContext & object> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.deadline = new RequestDeadline(budgetMs);
    },
  };
}

/**
 * Nest gives every field of a code-first type a resolver that only reads the property (or its
 * default value): a default property reader under another name. Each read would otherwise cost a
 * clock reading, hundreds per answer, to guard work that takes no time of its own.
 */
const isPropertyReader = (resolve: GraphQLFieldResolver<unknown, unknown>) => resolve.name === 'rootFieldResolver';

/** Wraps the schema's own resolvers (not the default property readers) in the request's deadline. */
export function enforceRequestBudget(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || isPropertyReader(resolve)) continue;
      const budgeted: GraphQLFieldResolver<unknown, BudgetedContext> = (source, args, context, info) => {
        const deadline = context?.deadline;
        if (!deadline) return resolve(source, args, context, info);
        deadline.check();
        enterRequestBudget(deadline);
        return resolve(source, args, context, info);
      };
      field.resolve = budgeted;
    }
  }
  return schema;
}
