import { buildSchema, execute, parse, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import { NotFoundError } from '@app/core';
import { compiledExecution, MAX_COMPILED, RUNS_BEFORE_COMPILING } from './compiled-execution.js';

const schema = buildSchema(`
  type Query { shift(id: ID!, at: Int): Shift, shifts: [Shift!]! }
  type Mutation { touch: Int! }
  type Shift { id: ID!, start: Int!, responder: Responder! }
  type Responder { name: String! }
`);
const fields = schema.getQueryType()!.getFields();
let resolved = 0;
fields.shift.resolve = (_root, { id }: { id: string }) => {
  resolved++;
  if (id === 'missing') throw new NotFoundError('Shift', id);
  return { id, start: 5, responder: { name: 'Ana' } };
};
fields.shifts.resolve = async () => [{ id: 'a', start: 1, responder: { name: 'Ana' } }];
let touched = 0;
schema.getMutationType()!.getFields().touch.resolve = () => ++touched;

async function run(document: DocumentNode, variables: Record<string, unknown> = {}) {
  const execution = compiledExecution(() => schema);
  const { executor } = await execution.load({} as never);
  const request = { document, operationName: null, context: {}, request: { variables } };
  return Object.assign(() => executor!(request as never) as Promise<ExecutionResult>, {
    compiledCount: () => execution.compiledCount(),
  });
}

const plain = (document: DocumentNode, variableValues: Record<string, unknown> = {}) =>
  execute({ schema, document, variableValues, contextValue: {} }) as Promise<ExecutionResult>;

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('compiledExecution (graphql-jit behind Apollo gateway interface)', () => {
  const query = parse('query($id: ID!) { shift(id: $id) { id start responder { name } } shifts { id } }');

  it('answers as graphql-js does, before and after the operation is compiled', async () => {
    const once = await run(query, { id: 's1' });
    const expected = json(await plain(query, { id: 's1' }));
    for (let i = 0; i < RUNS_BEFORE_COMPILING; i++) expect(json(await once())).toEqual(expected);
    expect(once.compiledCount()).toBe(0);
    for (let i = 0; i < 3; i++) expect(json(await once())).toEqual(expected);
    expect(once.compiledCount()).toBe(1);
  });

  it('keeps a resolver error as graphql-js reports it: message, path, locations, the AppError behind it', async () => {
    const missing = await run(query, { id: 'missing' });
    const expected = await plain(query, { id: 'missing' });
    for (let i = 0; i < RUNS_BEFORE_COMPILING + 1; i++) {
      const result = await missing();
      expect(json(result)).toEqual(json(expected));
      const error = result.errors![0] as GraphQLError;
      expect(error.originalError).toBeInstanceOf(NotFoundError);
      expect(error.extensions).toEqual({});
      expect(error.path).toEqual(['shift']);
    }
  });

  it('leaves refused variables to graphql-js, whose errors name the variable', async () => {
    const refused = await run(query, { id: { not: 'an id' } });
    const expected = await plain(query, { id: { not: 'an id' } });
    for (let i = 0; i < RUNS_BEFORE_COMPILING + 1; i++) {
      const result = await refused();
      expect(json(result)).toEqual(json(expected));
      expect((result.errors![0] as GraphQLError).nodes?.[0].kind).toBe('VariableDefinition');
    }
  });

  it('runs the resolvers once per request, compiled or not', async () => {
    const once = await run(parse('{ shift(id: "x") { id } }'));
    resolved = 0;
    const runs = RUNS_BEFORE_COMPILING + 5;
    for (let i = 0; i < runs; i++) expect(await once()).toEqual({ data: { shift: { id: 'x' } } });
    expect(resolved).toBe(runs);
    expect(once.compiledCount()).toBe(1);
  });

  it('leaves mutations to graphql-js: each runs once, never compiled', async () => {
    const touch = await run(parse('mutation { touch }'));
    const runs = RUNS_BEFORE_COMPILING + 5;
    for (let i = 1; i <= runs; i++) expect(await touch()).toEqual({ data: { touch: i } });
    expect(touched).toBe(runs);
    expect(touch.compiledCount()).toBe(0);
  });

  it(`keeps at most ${MAX_COMPILED} compiled operations`, async () => {
    const execution = compiledExecution(() => schema);
    const { executor } = await execution.load({} as never);
    for (let n = 0; n <= MAX_COMPILED; n++) {
      const request = {
        document: parse(`{ shift(id: "${n}") { id } }`),
        operationName: null,
        context: {},
        request: {},
      };
      for (let i = 0; i <= RUNS_BEFORE_COMPILING; i++) await executor!(request as never);
    }
    expect(execution.compiledCount()).toBe(MAX_COMPILED);
  });
});
