import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { READ_LEVELS, type Role } from '@app/core';
import { fieldAccess } from '../../apps/api/src/read-access.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type GraphQLClient, type TestApp } from '../support/test-app.js';

const ROLES: Role[] = ['admin', 'manager', 'responder', 'viewer', 'integration'];

/** One step from a root field down to the field under test. */
interface Step {
  field: GraphQLField<unknown, unknown>;
}

/** Every object field reachable from a query's or a mutation's answer, each with a shortest path from a root (queries first). */
function reachableFields(schema: GraphQLSchema): Map<string, Step[]> {
  const paths = new Map<string, Step[]>();
  const queue: Array<[GraphQLObjectType, Step[]]> = [];
  for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
    for (const field of Object.values(root.getFields())) {
      const type = getNamedType(field.type);
      if (isObjectType(type)) queue.push([type, [{ field }]]);
    }
  }
  const seen = new Set<string>();
  while (queue.length > 0) {
    const [type, path] = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (!paths.has(key)) paths.set(key, [...path, { field }]);
      const next = getNamedType(field.type);
      if (isObjectType(next) && !seen.has(next.name)) queue.push([next, [...path, { field }]]);
    }
  }
  return paths;
}

/** A literal that passes validation for an argument of this type (only what is required is filled in). */
function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{ ${required.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  switch (getNullableType(type).toString()) {
    case 'ID':
      return '"00000000-0000-4000-8000-000000000000"';
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'true';
    case 'DateTime':
      return '"2026-07-01T00:00:00Z"';
    default:
      return '"x"';
  }
}

function args(list: readonly GraphQLArgument[]): string {
  const required = list.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  return required.length === 0 ? '' : `(${required.map((a) => `${a.name}: ${dummy(a.type)}`).join(', ')})`;
}

/** The operation reaching the last step of the path, selecting `__typename` under an object field. */
function operationFor(schema: GraphQLSchema, path: Step[]): string {
  const isMutation = schema.getMutationType()!.getFields()[path[0].field.name] === path[0].field;
  let selection = isObjectType(getNamedType(path.at(-1)!.field.type)) ? ' { __typename }' : '';
  for (const { field } of [...path].reverse()) selection = ` { ${field.name}${args(field.args)}${selection} }`;
  return `${isMutation ? 'mutation' : 'query'}${selection}`;
}

describe('field-level read access: a walk over the whole schema, for every role (over HTTP)', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  let reachable: Map<string, Step[]>;
  const clients = {} as Record<Role, GraphQLClient>;

  beforeAll(async () => {
    app = await startTestApp();
    schema = buildClientSchema((await app.ok(getIntrospectionQuery())) as never);
    reachable = reachableFields(schema);
    clients.admin = app;
    for (const role of ROLES.slice(1)) clients[role] = await app.as(role, `walk-${role}`);
  });

  afterAll(() => app.close());

  it('has every field reachable from a query or a mutation classified, and nothing else', () => {
    const unclassified = [...reachable.keys()].filter((key) => {
      const [type, field] = key.split('.');
      return fieldAccess.rolesFor(type, field) === undefined;
    });
    // a new field needs a line in its context's *.read-access.ts (anyone, readers, leads or admins)
    expect(unclassified).toEqual([]);
    const stale = fieldAccess.classified().filter((key) => !reachable.has(key));
    expect(stale).toEqual([]);
    expect(reachable.size).toBeGreaterThan(350);
  });

  it('answers every field to the roles the table names, and refuses it to the others before anything runs', async () => {
    const failures: string[] = [];
    const cases = [...reachable.entries()].flatMap(([key, path]) => ROLES.map((role) => ({ key, path, role })));
    const before = await app.store.headPosition();
    let refusedCount = 0;
    for (let i = 0; i < cases.length; i += 20) {
      await Promise.all(
        cases.slice(i, i + 20).map(async ({ key, path, role }) => {
          const [type, field] = key.split('.');
          const allowed = fieldAccess.mayRead(role, type, field);
          const response = await clients[role].gql(operationFor(schema, path));
          const refusal = (response.errors ?? []).find(
            (e) => e.extensions.code === 'FORBIDDEN' && (e.extensions.fields as string[] | undefined)?.includes(key),
          );
          if (!allowed) refusedCount++;
          if (allowed && refusal) failures.push(`${role} was refused ${key}`);
          if (!allowed && (!refusal || response.data != null)) failures.push(`${role} was not refused ${key}`);
          if ((response.errors ?? []).some((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR')) {
            failures.push(`${role} reading ${key}: INTERNAL_SERVER_ERROR`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(refusedCount).toBeGreaterThan(reachable.size); // integrations alone are refused most fields
    // refused operations ran nothing; allowed ones met dummy ids and inputs and were refused by their commands
    const events = (await app.store.readAll()).filter((e) => before === 'start' || e.position > before);
    expect(events.filter((e) => e.metadata.actor !== 'test-admin')).toEqual([]);
  }, 120_000);
});

describe('what an integration and a viewer may read (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  let alice: string;

  beforeAll(async () => {
    app = await startTestApp();
    alice = await registerResponder(app, { handle: 'fa-alice', timeZone: 'UTC' });
    rotationId = await createRotation(app, {
      name: 'Field access',
      timeZone: 'UTC',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [alice],
    });
    await app.ok(`mutation($input: MarkUnavailableInput!) { markResponderUnavailable(input: $input) { spanId } }`, {
      input: { responderId: alice, start: '2026-09-01T00:00', end: '2026-09-02T00:00', reason: 'medical leave' },
    });
  });

  afterAll(() => app.close());

  const raise = (selection: string) =>
    `mutation($r: ID!) { raiseEscalation(input: { source: INFRASTRUCTURE, severity: S2, title: "Disk full", description: "", rotationId: $r }) ${selection} }`;

  it.each([
    [
      'people on the rotation',
      `{ id rotation { participants { responder { name unavailability { nodes { reason } } } } } }`,
    ],
    ['raw event data', `{ id rotation { history { nodes { type data } } } }`],
    [
      'who was paged and their presence',
      `{ id pages { nodes { selection { candidates { responder { handle } online } } } } }`,
    ],
    ['the recipients of its pages', `{ id pages { nodes { recipients { name } } } }`],
  ])('refuses an integration %s in what it raised, and raises nothing', async (_, selection) => {
    const integration = await app.as('integration', 'monitoring');
    const before = await app.store.headPosition();
    const response = await integration.gql(raise(selection), { r: rotationId });
    expect(response.status).toBe(403);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(response.data ?? null).toBeNull();
    expect(await app.store.headPosition()).toBe(before);
  });

  it('gives an integration the id, state and times of what it raised, and of its pages', async () => {
    const integration = await app.as('integration', 'monitoring');
    const data = await integration.ok(
      raise(
        `{ id state severity title source raisedAt pages { nodes { id state pagedAt ackDeadline } } currentPage { id } }`,
      ),
      { r: rotationId },
    );
    expect(data.raiseEscalation).toMatchObject({ state: 'OPEN', severity: 'S2', title: 'Disk full' });
    expect(data.raiseEscalation.pages.nodes[0].state).toBe('TRIGGERED');
  });

  it('keeps unavailability reasons and a responder’s history from viewers and responders, not from managers', async () => {
    const query = `query($id: ID!) { responder(id: $id) { unavailability { nodes { start reason } } } }`;
    for (const role of ['viewer', 'responder'] as Role[]) {
      const client = await app.as(role, `fa-${role}`);
      const refused = await client.gql(query, { id: alice });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        fields: ['UnavailableSpan.reason'],
      });
      expect(
        (
          await client.ok(`query($id: ID!) { responder(id: $id) { unavailability { nodes { start } } } }`, {
            id: alice,
          })
        ).responder.unavailability.nodes,
      ).toHaveLength(1);
      const audit = await client.gql(`query($id: ID!) { auditTrail(kind: "responder", id: $id) { nodes { data } } }`, {
        id: alice,
      });
      expect(audit.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const manager = await app.as('manager', 'fa-manager');
    expect((await manager.ok(query, { id: alice })).responder.unavailability.nodes[0].reason).toBe('medical leave');
    // the responder themself reads their own history
    const own = await app.as('responder', alice);
    const trail = await own.ok(`query($id: ID!) { auditTrail(kind: "responder", id: $id) { nodes { data } } }`, {
      id: alice,
    });
    expect(JSON.stringify(trail)).toContain('medical leave');
  });

  it('names the levels it knows', () => {
    expect(READ_LEVELS.anyone).toContain('integration');
    expect(READ_LEVELS.readers).not.toContain('integration');
  });
});
