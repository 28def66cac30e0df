import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from '../request-context/request-context.js';

export interface GraphQLContext {
  requestContext: RequestContext;
}

/** The RequestContext (actor, correlation id) of the GraphQL request being resolved. */
export const CurrentRequest = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  return GqlExecutionContext.create(context).getContext<GraphQLContext>().requestContext;
});
