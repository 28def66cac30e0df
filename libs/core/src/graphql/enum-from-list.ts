import { registerEnumType } from '@nestjs/graphql';

export type EnumOf<T extends string> = { [K in T]: K };

type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;
/** The GraphQL name of a lower-case domain value: `time-zone` is `TIME_ZONE`. */
export type EnumName<S extends string> = Uppercase<Underscored<S>>;
export type UpperEnumOf<T extends string> = { [K in T as EnumName<K>]: K };

interface EnumOptions<T extends string> {
  description?: string;
  /** By domain value. */
  valueDescriptions?: Partial<Record<T, string>>;
}

/**
 * A GraphQL enum whose values are the domain's own `as const` list, so the two cannot drift:
 * `export const Severity = enumFromList(SEVERITIES, 'Severity')`, then `@Field(() => Severity)`
 * and the domain's type for the value (no cast). With `names: 'upper'`, lower-case domain values
 * (`'open'`, `'time-zone'`) are named in GraphQL's style (`OPEN`, `TIME_ZONE`) and keep their
 * domain value inside the service.
 */
export function enumFromList<const T extends string>(
  values: readonly T[],
  name: string,
  options?: EnumOptions<T>,
): EnumOf<T>;
export function enumFromList<const T extends string>(
  values: readonly T[],
  name: string,
  options: EnumOptions<T> & { names: 'upper' },
): UpperEnumOf<T>;
export function enumFromList<const T extends string>(
  values: readonly T[],
  name: string,
  options: EnumOptions<T> & { names?: 'upper' } = {},
): EnumOf<T> | UpperEnumOf<T> {
  const nameOf = (value: string) => (options.names === 'upper' ? value.replace(/-/g, '_').toUpperCase() : value);
  const names = new Set(values.map(nameOf));
  if (names.size !== values.length) throw new Error(`Enum ${name}: two values share a GraphQL name`);
  const enumObject = Object.fromEntries(values.map((value) => [nameOf(value), value]));
  registerEnumType(enumObject, {
    name,
    description: options.description,
    valuesMap: Object.fromEntries(
      Object.entries(options.valueDescriptions ?? {}).map(([value, description]) => [nameOf(value), { description }]),
    ) as never,
  });
  return enumObject as EnumOf<T> | UpperEnumOf<T>;
}
