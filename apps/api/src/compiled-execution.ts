import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, GraphQLError, Kind, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<object>['gateway'];
type GatewayExecutor = Awaited<ReturnType<GatewayInterface['load']>>['executor'];

/**
 * Runs of one operation through graphql-js before it is compiled. Compiling costs about 1 ms for a
 * dashboard query (20 ms for the introspection query) and saves some 50 µs a run: a dashboard's
 * queries, sent again and again, are compiled within seconds; a query sent a few times never is,
 * and a client sending new queries cannot make the service compile more than once per 20 requests.
 */
export const RUNS_BEFORE_COMPILING = 20;
/** Compiled operations kept (the first compiled is dropped first). */
export const MAX_COMPILED = 500;

/** What the compiler made of an operation: its query, or undefined when it refused the document. */
type Compiled = CompiledQuery | undefined;

/**
 * Apollo Server's gateway interface, used for one thing: to run the operations Apollo has parsed,
 * validated and checked (its plugins and ours run as before) with graphql-jit, as a query compiled
 * from the document once the same document (Apollo keeps one parsed document per query text) has
 * been run RUNS_BEFORE_COMPILING times. graphql-js runs the first runs, any operation the compiler
 * refuses, and any run whose variables are refused, so those errors stay exactly graphql-js's (with
 * the nodes that name the offending argument).
 */
export function compiledExecution(schemaOf: () => GraphQLSchema): GatewayInterface & { compiledCount(): number } {
  let schema: GraphQLSchema | undefined;
  const runs = new WeakMap<DocumentNode, Map<string | null, number>>();
  const compiled = new Map<DocumentNode, Map<string | null, Compiled>>();

  const executor: GatewayExecutor = async ({ document, operationName, context, request }) => {
    const variables = request.variables ?? {};
    const withGraphQLJs = () =>
      execute({ schema: schema!, document, operationName, contextValue: context, variableValues: variables });
    const query = compiledFor(document, operationName);
    if (!query) return (await withGraphQLJs()) as never;
    const result = await query.query(undefined, context, variables);
    if (result.data === undefined && result.errors?.length) return (await withGraphQLJs()) as never;
    return (result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result) as never;
  };

  function compiledFor(document: DocumentNode, operationName: string | null): Compiled {
    const known = compiled.get(document);
    if (known?.has(operationName)) return known.get(operationName);
    let counts = runs.get(document);
    if (!counts) runs.set(document, (counts = new Map()));
    const count = (counts.get(operationName) ?? 0) + 1;
    counts.set(operationName, count);
    if (count <= RUNS_BEFORE_COMPILING) return undefined;
    // Only queries: graphql-js runs a query again when the compiled run refuses its variables, and
    // a mutation must never run twice.
    const query = isQuery(document, operationName) ? compile(schema!, document, operationName) : undefined;
    if (!known && compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(document, (known ?? new Map()).set(operationName, query));
    counts.delete(operationName);
    return query;
  }

  return {
    async load() {
      schema = schemaOf();
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: (schema ??= schemaOf()), coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
    /** Operations compiled and kept (not those left to graphql-js). */
    compiledCount: () =>
      [...compiled.values()].reduce((sum, byName) => sum + [...byName.values()].filter(Boolean).length, 0),
  };
}

function isQuery(document: DocumentNode, operationName: string | null): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  return operation?.operation === 'query';
}

/** The compiled query, or undefined when graphql-jit refuses the document (or fails on it): graphql-js runs it. */
function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled {
  try {
    const made = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
    return isCompiledQuery(made) ? made : undefined;
  } catch {
    return undefined;
  }
}

/** graphql-jit's errors as graphql-js makes them: Apollo reads `extensions` on every error. */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const { message, path, locations, originalError, extensions } = error;
  const converted = new GraphQLError(message, { path, originalError: originalError ?? undefined, extensions });
  Object.defineProperty(converted, 'locations', { value: locations, enumerable: !!locations?.length, writable: true });
  return converted;
}
