import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Rules for free text sent by callers (names, teams, titles, notes, descriptions, reasons):
 * - never C0 controls (U+0000-U+001F) other than line feed and tab, DEL and C1 controls
 *   (U+007F-U+009F), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069);
 * - single-line fields take no line feed or tab either;
 * - a value must not be blank once trimmed of white space and zero-width characters
 *   (U+200B-U+200D, U+FEFF), unless the field allows an empty value.
 */
const FORBIDDEN_ANYWHERE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS = /[\n\t]/;
const BLANK = /^[\s\u200B-\u200D\uFEFF]*$/;
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/;

export interface TextRules {
  /** Line feeds and tabs allowed (notes, descriptions, summaries). */
  multiline?: boolean;
  /** An empty or white-space value is accepted (an optional description); zero-width only is not. */
  allowBlank?: boolean;
}

export function isBlankText(value: string): boolean {
  return BLANK.test(value);
}

/** Why a text value breaks the rules, or undefined when it is fine. */
export function textProblem(value: string, rules: TextRules = {}): string | undefined {
  if (FORBIDDEN_ANYWHERE.test(value)) return 'must not contain control characters or bidirectional overrides';
  if (!rules.multiline && LINE_BREAKS.test(value)) return 'must be a single line (no line breaks or tabs)';
  if (BLANK.test(value) && (!rules.allowBlank || ZERO_WIDTH.test(value))) return 'must not be blank';
  return undefined;
}

/** Free text under the rules above; applies to each element of an array. */
export function IsText(rules: TextRules = {}, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName,
      options: {
        message: (args) => {
          const values: unknown[] = Array.isArray(args.value) ? args.value : [args.value];
          const problem = values
            .map((v) => (typeof v === 'string' ? textProblem(v, rules) : 'must be text'))
            .find(Boolean);
          return `${propertyName} ${problem ?? 'must be text'}`;
        },
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value)
            ? value.every((v) => typeof v === 'string' && !textProblem(v, rules))
            : typeof value === 'string' && !textProblem(value, rules),
      },
    });
}

/** No string an argument carries is longer (the longest text fields, problem statements, take 20,000). */
export const MAX_TEXT_LENGTH = 20_000;

export interface ArgumentTextProblem {
  /** Path of the string inside the argument ('' for the argument itself). */
  path: string;
  problem: string;
}

/**
 * The first string anywhere in an argument (nested inputs and lists included) that holds a
 * control character or a bidirectional override, or is longer than MAX_TEXT_LENGTH, with its
 * path: checked for every argument, so an input field without its own @IsText is covered too.
 */
export function findArgumentTextProblem(
  value: unknown,
  path: Array<string | number> = [],
): ArgumentTextProblem | undefined {
  if (typeof value === 'string') {
    if (value.length > MAX_TEXT_LENGTH)
      return { path: path.join('.'), problem: `must be at most ${MAX_TEXT_LENGTH} characters` };
    if (FORBIDDEN_ANYWHERE.test(value)) {
      return { path: path.join('.'), problem: 'must not contain control characters or bidirectional overrides' };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findArgumentTextProblem(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findArgumentTextProblem(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
