/**
 * Remembers which flat argument values a class already validated, so the same arguments (a page
 * size and cursor, an empty filter) are not transformed and validated again on every request.
 * Only values whose own properties are all primitives are remembered, and the validators are pure
 * functions of the value, so the outcome is the same; what is handed back is a new instance
 * holding the same properties. A value that fails is never remembered: it is validated each time
 * and gets the same error.
 */
type Primitive = string | number | boolean | null | undefined;
type ArgumentClass = abstract new (...args: never[]) => unknown;

const MAX_VALUES_PER_CLASS = 1_000;
const UNDEFINED = { undefined: true };

function isPrimitive(value: unknown): value is Primitive {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  return typeof value === 'string' || typeof value === 'boolean';
}

/** The key of a flat value (undefined, or a plain object of primitives); undefined for any other. */
export function flatArgumentKey(value: unknown): string | undefined {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const entries = Object.entries(value);
  if (Object.getOwnPropertyNames(value).length !== entries.length) return undefined;
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined;
  if (!entries.every(([, v]) => isPrimitive(v))) return undefined;
  return JSON.stringify(entries.map(([k, v]) => [k, v === undefined ? UNDEFINED : v]));
}

/** The own properties of an instance of `type` holding primitives only; undefined for any other. */
function flatInstance(value: unknown, type: ArgumentClass): Record<string, Primitive> | undefined {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== type.prototype) return undefined;
  const entries = Object.entries(value);
  if (Object.getOwnPropertyNames(value).length !== entries.length) return undefined;
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined;
  if (!entries.every(([, v]) => isPrimitive(v))) return undefined;
  return Object.fromEntries(entries) as Record<string, Primitive>;
}

export class ValidatedArguments {
  private readonly byClass = new Map<ArgumentClass, Map<string, Record<string, Primitive>>>();

  /** A new instance equal to what validating the value with this key gave before, if it passed. */
  recall(type: ArgumentClass, key: string): unknown {
    const properties = this.byClass.get(type)?.get(key);
    return properties ? Object.assign(Object.create(type.prototype as object) as object, properties) : undefined;
  }

  /** Keeps a successful result when it is a flat instance of the class. */
  remember(type: ArgumentClass, key: string, result: unknown): void {
    const properties = flatInstance(result, type);
    if (!properties) return;
    let known = this.byClass.get(type);
    if (!known) this.byClass.set(type, (known = new Map()));
    if (known.size >= MAX_VALUES_PER_CLASS) known.clear();
    known.set(key, properties);
  }
}
