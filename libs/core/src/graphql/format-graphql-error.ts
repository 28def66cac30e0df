import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../errors/app-error.js';
import { inputValueProblem } from './input-error-field.js';

const logger = new Logger('GraphQL');

/** Nest's HTTP exceptions, thrown by framework pieces (guards, pipes) outside our own code. */
const CODE_BY_HTTP_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Apollo's own refusals of a request it cannot run (a persisted-query hash that does not match
 * its query, an unknown persisted-query version): a 400 with a plain message and no code.
 */
function isApolloRequestError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return false;
  return (error.extensions?.http as { status?: number } | undefined)?.status === 400;
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { getStatus?: () => number })?.getStatus?.();
  return typeof status === 'number' ? status : undefined;
}

/**
 * Every error leaves with a typed `extensions.code` and without a stack trace. Our AppErrors
 * keep their message and details (e.g. the offending field); values graphql-js itself refuses (a
 * literal or variable of the wrong shape, a DateTime that is not strict RFC 3339) are BAD_USER_INPUT
 * naming the argument or input field; unexpected errors are logged and
 * reported as INTERNAL_SERVER_ERROR without their message, which may hold internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // an AppError raised by a plugin before execution travels inside a GraphQLError
  const original =
    unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
      ? unwrapped.originalError
      : unwrapped;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const problem = inputValueProblem(error);
  if (problem)
    return { ...base, message: problem.message, extensions: { code: 'BAD_USER_INPUT', field: problem.field } };
  const status = httpStatusOf(original);
  if (status !== undefined && CODE_BY_HTTP_STATUS[status]) {
    return { ...base, message: (original as Error).message, extensions: { code: CODE_BY_HTTP_STATUS[status] } };
  }
  if (isApolloRequestError(original)) {
    return { ...base, message: original.message, extensions: { code: 'BAD_REQUEST' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, extensions: { code } };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
