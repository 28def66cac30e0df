import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Nest gives every field of a code-first object type a resolver that only reads the property
 * (`rootFieldResolver`, which returns the field's `defaultValue` when the property is undefined).
 * Where it reads the field's own name and no default value is set, graphql's default resolver reads
 * the same; without
 * it, graphql-jit reads the property inline instead of calling a function per field.
 */
export function dropPropertyReaders(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const resolve = field.resolve as ((root: object) => unknown) | undefined;
      if (resolve?.name !== 'rootFieldResolver') continue;
      const probe = {};
      if (resolve({ [name]: probe }) === probe && resolve({}) === undefined) field.resolve = undefined;
    }
  }
  return schema;
}
