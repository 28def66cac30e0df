import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/request-context.decorator.js';
import { READER_ROLES, requireRole } from './require-role.js';

/**
 * The one rule every query shares: integrations only raise escalations, they read nothing. Which
 * mutation each role may run is decided by each bounded context's policy, next to its commands.
 */
@Injectable()
export class ReadAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo().parentType.name !== 'Query') return true;
    requireRole(gql.getContext<GraphQLContext>().requestContext, READER_ROLES, 'read dashboards');
    return true;
  }
}
