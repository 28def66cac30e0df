import { registerEnumType } from '@nestjs/graphql';

export type EnumOf<T extends string> = { [K in T]: K };

/**
 * A GraphQL enum whose values are the domain's own `as const` list, so the two cannot drift:
 * `export const Severity = enumFromList(SEVERITIES, 'Severity')`, then `@Field(() => Severity)`
 * and the domain's type for the value (no cast).
 */
export function enumFromList<const T extends string>(
  values: readonly T[],
  name: string,
  options: { description?: string; valueDescriptions?: Partial<Record<T, string>> } = {},
): EnumOf<T> {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as EnumOf<T>;
  registerEnumType(enumObject, {
    name,
    description: options.description,
    valuesMap: Object.fromEntries(
      Object.entries(options.valueDescriptions ?? {}).map(([value, description]) => [value, { description }]),
    ) as never,
  });
  return enumObject;
}
