import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { BadUserInputError } from '../errors/app-error.js';
import { findArgumentTextProblem, isBlankText } from './text.js';
import { flatArgumentKey, ValidatedArguments } from './validated-arguments.js';

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

/**
 * Refuses control characters, bidirectional overrides and strings over 20,000 characters in every
 * argument, and blank string arguments (see text.ts), then validates with class-validator.
 */
/** GraphQL arguments reach pipes as 'body' (GqlParamtype.ARGS); parents and contexts do not. */
function isArgument(metadata: ArgumentMetadata): boolean {
  return metadata.type === 'body';
}

/** Types ValidationPipe passes through as they are (its toValidate list): nothing to validate or transform. */
const UNVALIDATED_TYPES: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

class InputValidationPipe extends ValidationPipe {
  private readonly validated = new ValidatedArguments();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!isArgument(metadata)) return super.transform(value, metadata);
    const found = findArgumentTextProblem(value);
    if (found) {
      const field = found.path || (metadata.data ?? 'input');
      throw new BadUserInputError(field, `${field} ${found.problem}`);
    }
    if (typeof value === 'string' && metadata.data && isBlankText(value)) {
      throw new BadUserInputError(metadata.data, `${metadata.data} must not be blank`);
    }
    const type = metadata.metatype;
    // What ValidationPipe itself returns for an argument of such a type: the value as it is.
    if (!type || UNVALIDATED_TYPES.includes(type)) return value;
    const key = flatArgumentKey(value);
    if (key === undefined) return super.transform(value, metadata);
    const scopedKey = `${metadata.data ?? ''}|${key}`;
    const known = this.validated.recall(type, scopedKey);
    if (known) return known;
    const result = await super.transform(value, metadata);
    this.validated.remember(type, scopedKey, result);
    return result;
  }
}

/** Validates inputs with class-validator; the first problem becomes BAD_USER_INPUT naming its field. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
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
