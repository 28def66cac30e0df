import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { AppError } from '../errors/app-error.js';

/**
 * A user's mistake is not a server error: hand AppErrors straight to the GraphQL error
 * formatter, so Nest does not log them with a stack trace.
 */
@Catch(AppError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(error: AppError): AppError {
    return error;
  }
}
