/**
 * Errors a user can cause or be told about. Each one maps to a GraphQL `extensions.code`
 * (see graphql/format-graphql-error.ts); anything else is an internal error.
 */
export type AppErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'TOO_MANY_REQUESTS'
  | 'REQUEST_TIMEOUT';

export abstract class AppError extends Error {
  abstract readonly code: AppErrorCode;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends AppError {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, { field });
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
}

export class TooManyRequestsError extends AppError {
  readonly code = 'TOO_MANY_REQUESTS';
}

/** A request ran past its time budget (see time/request-budget.ts) and was ended. */
export class RequestTimeoutError extends AppError {
  readonly code = 'REQUEST_TIMEOUT';
}
