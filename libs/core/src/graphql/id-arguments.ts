import { getNamedType, GraphQLID, isObjectType, type GraphQLSchema } from 'graphql';
import { BadUserInputError } from '../errors/app-error.js';

/** Every id the service hands out is a UUID (random or v5). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An ID argument that is not a UUID is a caller's mistake, answered BAD_USER_INPUT naming the
 * argument before any resolver looks anything up (IDs inside input objects are checked by their
 * @IsUUID validators). A well-formed id that names nothing stays NOT_FOUND.
 */
export function enforceIdArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const ids = field.args.filter((arg) => getNamedType(arg.type) === GraphQLID).map((arg) => arg.name);
      if (ids.length === 0) continue;
      const refuseMalformed = (args: Record<string, unknown>) => {
        for (const name of ids) {
          const value = args[name];
          if (value == null) continue;
          const values = Array.isArray(value) ? value : [value];
          if (values.some((v) => typeof v !== 'string' || !UUID.test(v))) {
            throw new BadUserInputError(name, `${name} must be an id (a UUID)`);
          }
        }
      };
      const { resolve, subscribe } = field;
      // a subscription's lookups run in `subscribe`; its `resolve` maps each delivered value
      if (subscribe) {
        field.subscribe = (source, args: Record<string, unknown>, context, info) => {
          refuseMalformed(args);
          return subscribe(source, args, context, info);
        };
      } else if (resolve) {
        field.resolve = (source, args: Record<string, unknown>, context, info) => {
          refuseMalformed(args);
          return resolve(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
