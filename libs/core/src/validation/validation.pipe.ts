import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadUserInputError } from '../errors/app-error.js';

function firstProblem(errors: ValidationError[], parent = ''): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message)
      return {
        field,
        message: message.startsWith(error.property)
          ? field + message.slice(error.property.length)
          : `${field}: ${message}`,
      };
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/** Validates inputs with class-validator; the first problem becomes BAD_USER_INPUT naming its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors) ?? { field: 'input', message: 'input is invalid' };
      return new BadUserInputError(problem.field, problem.message);
    },
  });
}
