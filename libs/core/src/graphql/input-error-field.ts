import { GraphQLError, Kind, parse, visit, type ArgumentNode, type ValueNode } from 'graphql';
import { InvalidInputValueError } from './date-time.scalar.js';

/**
 * graphql-js reports a bad input value in two ways: a literal in the query fails validation
 * ("Expected value of type …"), a variable fails coercion ("Variable "$x" got invalid value … at
 * "x.a.b""). Neither names the argument. These helpers recognise both and find the argument or
 * input field in the document, so the answer is BAD_USER_INPUT with `field`, as for our own checks.
 */
const VALUE_PROBLEMS = [
  /^Variable "\$[^"]+" got invalid value/,
  /^Variable "\$[^"]+" of (required|non-null) type "[^"]+" (was not provided|must not be null)/,
  /^Expected value of type /,
  /cannot represent/,
  /^Field "[^"]+" of required type "[^"]+" was not provided/,
  /^Field "[^"]+" is not defined by type /,
];

function chain(error: unknown): unknown[] {
  const errors: unknown[] = [];
  for (let e = error; e && errors.length < 8; e = (e as { originalError?: unknown }).originalError) errors.push(e);
  return errors;
}

export interface InputValueProblem {
  field: string;
  message: string;
}

/** BAD_USER_INPUT details for a value graphql-js refused, or undefined for any other error. */
export function inputValueProblem(error: unknown): InputValueProblem | undefined {
  const errors = chain(error);
  const graphqlError = errors.find((e): e is GraphQLError => e instanceof GraphQLError);
  if (!graphqlError || graphqlError.path) return undefined;
  const strict = errors.find((e): e is InvalidInputValueError => e instanceof InvalidInputValueError);
  if (!strict && !VALUE_PROBLEMS.some((pattern) => pattern.test(graphqlError.message))) return undefined;
  const field = locate(graphqlError) ?? 'input';
  const detail = strict ? strict.message : graphqlError.message.replace(/^.*?; /, '');
  return { field, message: strict ? `${field} ${detail}` : `${field}: ${detail}` };
}

type Path = Array<string | number>;

function locate(error: GraphQLError): string | undefined {
  const body = error.source?.body;
  const node = error.nodes?.[0];
  if (!body || !node) return undefined;
  let document;
  try {
    document = parse(body, { noLocation: false });
  } catch {
    return undefined;
  }
  const variable = /^Variable "\$([^"]+)"/.exec(error.message);
  const inner = variable ? innerPath(error.message, variable[1]) : [];
  const target = (value: ValueNode): boolean =>
    variable
      ? value.kind === Kind.VARIABLE && value.name.value === variable[1]
      : value.loc?.start === node.loc?.start && value.loc?.end === node.loc?.end;
  let found: Path | undefined;
  visit(document, {
    Argument(argument: ArgumentNode) {
      found ??= search(argument.value, [argument.name.value], target);
    },
  });
  if (!found) return variable ? fieldName([variable[1], ...inner]) : undefined;
  return fieldName([...found, ...inner]);
}

function search(value: ValueNode, path: Path, target: (value: ValueNode) => boolean): Path | undefined {
  if (target(value)) return path;
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = search(field.value, [...path, field.name.value], target);
      if (found) return found;
    }
  }
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const found = search(item, [...path, i], target);
      if (found) return found;
    }
  }
  return undefined;
}

/** `at "input.pattern.handoffs[0].time"` → ['pattern', 'handoffs', 0, 'time'] (after the variable). */
function innerPath(message: string, variable: string): Path {
  const at = new RegExp(`got invalid value .*? at "${variable}((?:\\.[^".\\[]+|\\[\\d+\\])*)"`).exec(message);
  if (!at) return [];
  return [...at[1].matchAll(/\.([^".[]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** Fields inside an input object are named from the object, as the validation pipe names them. */
function fieldName(path: Path): string {
  const relative = path.length > 1 && typeof path[1] === 'string' ? path.slice(1) : path;
  return relative.join('.');
}
