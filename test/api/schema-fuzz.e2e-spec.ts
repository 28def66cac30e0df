import request from 'supertest';
import { DECLARE, declaration } from '../support/rapid-actions.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Generated from the schema, so a new argument or input field is covered by itself: every
 * argument and input field of type DateTime, String (free text, local dates and times, durations)
 * and ID, of every query and mutation (and of the fields with arguments on the types those queries
 * return), gets malformed values while every other value is valid. Each answer must be
 * BAD_USER_INPUT naming a field (PAYLOAD_TOO_LARGE for a body over 1 MB), within a second, and
 * the event log must not move. A type the generator does not know fails the test.
 */

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  description: string | null;
  type: TypeRef;
}
interface SchemaField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
interface SchemaType {
  kind: string;
  name: string;
  fields: SchemaField[] | null;
  inputFields: InputValue[] | null;
  enumValues: Array<{ name: string }> | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name }
  types { kind name enumValues { name }
    fields { name type { ${TYPE_REF} } args { name description type { ${TYPE_REF} } } }
    inputFields { name description type { ${TYPE_REF} } } } } }`;

type LeafKind = 'DateTime' | 'ID' | 'LocalDateTime' | 'LocalDate' | 'LocalTime' | 'Duration' | 'Text';

const BODY_LIMIT = 1024 * 1024;
const NEAR_LIMIT = 'x'.repeat(BODY_LIMIT - 64 * 1024);
const FIVE_MB = 'x'.repeat(5 * BODY_LIMIT);

const STRING_ATTACKS: unknown[] = ['bad\u0000value', 'rtl\u202eevil', '\u200b\u200b', 'bell\u0007', 'c1\u0085'];
const MALFORMED: Record<LeafKind, unknown[]> = {
  DateTime: [
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-07-01T12:00:00',
    '10000-01-01T00:00:00Z',
    '2026-07-01T12:00:00+24:00',
    '12/08/2026',
    'not a date',
    1e20,
    { year: 2026 },
  ],
  ID: ['not-a-uuid', '', 'id\u0000', 1e20, { id: 1 }],
  LocalDateTime: ['2026-02-30T10:00', '10000-01-01T10:00', '2026-07-20T25:00', '12/08/2026', ...STRING_ATTACKS],
  LocalDate: ['2026-02-30', '10000-01-01', '2026-13-01', '1969-12-31', ...STRING_ATTACKS],
  LocalTime: ['24:30', '9:00', '12:60', ...STRING_ATTACKS],
  Duration: ['P1M', 'PT', '-PT1H', '1e20', ...STRING_ATTACKS],
  Text: STRING_ATTACKS,
};

function named(type: TypeRef): TypeRef {
  return type.ofType ? named(type.ofType) : type;
}

function printType(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${printType(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${printType(type.ofType!)}]`;
  return type.name!;
}

/** Which kind of string a String field holds, from its description (the schema says the format). */
function stringKind(value: InputValue): LeafKind {
  const text = `${value.description ?? ''}`;
  if (/YYYY-MM-DDTHH:mm/.test(text)) return 'LocalDateTime';
  if (/YYYY-MM-DD/.test(text)) return 'LocalDate';
  if (/HH:mm/.test(text)) return 'LocalTime';
  if (/duration/i.test(text)) return 'Duration';
  return 'Text';
}

describe('schema-driven fuzzing of every time, text and id input', () => {
  let app: TestApp;
  let types: Map<string, SchemaType>;
  let queryType: string;
  let mutationType: string;
  const fixtures: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    fixtures.responder = await registerResponder(app, { handle: 'schema-fuzz' });
    fixtures.rotation = await createRotation(app, {
      name: 'Schema fuzz',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [fixtures.responder],
    });
    // 203.0.113.0/24 is a documentation range: a public address no delivery can reach.
    fixtures.webhookSubscription = (
      await app.ok(
        `mutation { createWebhookSubscription(input: { name: "fuzz", url: "https://203.0.113.10/fuzz", eventKinds: [HANDOVER] }) { subscription { id } } }`,
      )
    ).createWebhookSubscription.subscription.id;
    // an escalation and a rapid action, so the fields with arguments on them (history(first, after)) are reached
    fixtures.escalation = (
      await app.ok(`mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }`, {
        input: {
          source: 'INFRASTRUCTURE',
          severity: 'S4',
          title: 'Fuzz',
          description: '',
          rotationId: fixtures.rotation,
        },
      })
    ).raiseEscalation.id;
    fixtures.rapidAction = (await app.ok(DECLARE, declaration({ driId: fixtures.responder }))).declareRapidAction.id;
    const schema = (await app.ok(INTROSPECTION)).__schema;
    types = new Map(schema.types.map((t: SchemaType) => [t.name, t]));
    queryType = schema.queryType.name;
    mutationType = schema.mutationType.name;
  });

  afterAll(() => app.close());

  function idFor(name: string): string {
    if (/rapidAction/i.test(name)) return fixtures.rapidAction;
    if (/escalation/i.test(name)) return fixtures.escalation;
    if (/rotation/i.test(name)) return fixtures.rotation;
    if (/webhookSubscription/i.test(name)) return fixtures.webhookSubscription;
    if (/responder|dri|stakeholder|participant|^id$/i.test(name)) return fixtures.responder;
    return '00000000-0000-4000-8000-00000000f022';
  }

  /** A valid value for a type (required fields only, one list item), or a failure for an unknown type. */
  function valid(type: TypeRef, field: InputValue): unknown {
    if (type.kind === 'NON_NULL') return valid(type.ofType!, field);
    if (type.kind === 'LIST') return [valid(type.ofType!, field)];
    const name = type.name!;
    if (type.kind === 'ENUM') return types.get(name)!.enumValues![0].name;
    if (type.kind === 'INPUT_OBJECT') {
      const input = types.get(name)!;
      return Object.fromEntries(
        input.inputFields!.filter((f) => f.type.kind === 'NON_NULL').map((f) => [f.name, valid(f.type, f)]),
      );
    }
    switch (name) {
      case 'DateTime':
        return '2026-07-20T10:00:00Z';
      case 'ID':
        return idFor(field.name);
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'String':
        return validString(field);
    }
    throw new Error(`No generator for the type ${name} (${field.name}): add one to schema-fuzz.e2e-spec.ts`);
  }

  function validString(field: InputValue): string {
    const kind = stringKind(field);
    if (kind === 'LocalDateTime') return '2026-07-20T10:00';
    if (kind === 'LocalDate') return '2026-07-20';
    if (kind === 'LocalTime') return '10:00';
    if (kind === 'Duration') return 'PT6H';
    if (/timeZone/.test(field.name)) return 'UTC';
    if (/url$/i.test(field.name)) return 'https://example.com/fuzz';
    if (field.name === 'quarter') return '2026-Q3';
    if (field.name === 'handle') return 'fuzz-handle';
    return 'fuzz text';
  }

  interface Target {
    path: Array<string | number>;
    kind: LeafKind;
  }

  /** Every DateTime, String and ID leaf under an argument, with its path (lists: the first item). */
  function targets(type: TypeRef, field: InputValue, path: Array<string | number> = [], depth = 0): Target[] {
    if (depth > 6) return [];
    if (type.kind === 'NON_NULL') return targets(type.ofType!, field, path, depth);
    if (type.kind === 'LIST') return targets(type.ofType!, field, [...path, 0], depth);
    if (type.kind === 'INPUT_OBJECT') {
      return types.get(type.name!)!.inputFields!.flatMap((f) => targets(f.type, f, [...path, f.name], depth + 1));
    }
    if (type.name === 'DateTime') return [{ path, kind: 'DateTime' }];
    if (type.name === 'ID') return [{ path, kind: 'ID' }];
    if (type.name === 'String') return [{ path, kind: stringKind(field) }];
    if (type.kind === 'SCALAR' && !['Int', 'Float', 'Boolean'].includes(type.name!)) {
      throw new Error(`No generator for the scalar ${type.name} (${field.name}): add one to schema-fuzz.e2e-spec.ts`);
    }
    return [];
  }

  function setAt(value: unknown, path: Array<string | number>, leaf: unknown): unknown {
    if (path.length === 0) return leaf;
    const [head, ...rest] = path;
    if (typeof head === 'number') {
      const list = Array.isArray(value) ? [...value] : [];
      list[0] = setAt(list[0] ?? {}, rest, leaf);
      return list;
    }
    const object = { ...((value as Record<string, unknown>) ?? {}) };
    object[head] = setAt(object[head], rest, leaf);
    return object;
  }

  /** A valid base for an argument that holds the target, with the parents of the target present. */
  function baseFor(arg: InputValue, target: Target): unknown {
    let value = valid(arg.type, arg);
    // Optional input objects on the way to the target need their required fields too.
    let type = arg.type;
    const walked: Array<string | number> = [];
    for (const step of target.path) {
      while (type.kind === 'NON_NULL') type = type.ofType!;
      if (typeof step === 'number') {
        type = type.ofType!;
      } else {
        const field = types.get(named(type).name!)!.inputFields!.find((f) => f.name === step)!;
        type = field.type;
        if (named(type).kind === 'INPUT_OBJECT' && walked.length + 1 < target.path.length) {
          value = setAt(value, [...walked, step], valid(type, field));
        }
      }
      walked.push(step);
    }
    return value;
  }

  interface Case {
    label: string;
    query: string;
    variables: Record<string, unknown>;
    big?: boolean;
  }

  function selection(type: TypeRef): string {
    const kind = named(type).kind;
    return kind === 'OBJECT' || kind === 'INTERFACE' || kind === 'UNION' ? ' { __typename }' : '';
  }

  /** The operations to send for one field with arguments, reached through `wrap` (root or nested). */
  function casesFor(
    operation: 'query' | 'mutation',
    field: SchemaField,
    wrap: (inner: string) => string,
    outerVariables: string[],
  ): Case[] {
    const cases: Case[] = [];
    for (const arg of field.args) {
      for (const target of targets(arg.type, arg)) {
        const values = [...MALFORMED[target.kind]];
        const bigOnes = target.kind === 'Text' ? [NEAR_LIMIT] : [];
        for (const [i, bad] of [...values, ...bigOnes].entries()) {
          const variables: Record<string, unknown> = {};
          const definitions = [...outerVariables];
          const args: string[] = [];
          for (const other of field.args) {
            const required = other.type.kind === 'NON_NULL';
            if (other === arg) variables[other.name] = setAt(baseFor(other, target), target.path, bad);
            else if (required) variables[other.name] = valid(other.type, other);
            else continue;
            definitions.push(`$${other.name}: ${printType(other.type)}`);
            args.push(`${other.name}: $${other.name}`);
          }
          const inner = `${field.name}(${args.join(', ')})${selection(field.type)}`;
          cases.push({
            label: `${field.name}(${[arg.name, ...target.path].join('.')}) = ${JSON.stringify(bad).slice(0, 40)}`,
            query: `${operation}(${definitions.join(', ')}) { ${wrap(inner)} }`,
            variables,
            big: i >= values.length,
          });
        }
        // A literal in the query takes another path through graphql-js: cover it for time arguments.
        if (target.kind === 'DateTime' && target.path.length === 0) {
          const others = field.args.filter((o) => o !== arg && o.type.kind === 'NON_NULL');
          const definitions = [...outerVariables, ...others.map((o) => `$${o.name}: ${printType(o.type)}`)];
          const args = [`${arg.name}: "2026-02-30T00:00:00Z"`, ...others.map((o) => `${o.name}: $${o.name}`)];
          const vars = Object.fromEntries(others.map((o) => [o.name, valid(o.type, o)]));
          const head = definitions.length > 0 ? `${operation}(${definitions.join(', ')})` : operation;
          cases.push({
            label: `${field.name}(${arg.name}) as a literal`,
            query: `${head} { ${wrap(`${field.name}(${args.join(', ')})${selection(field.type)}`)} }`,
            variables: vars,
          });
        }
      }
    }
    return cases;
  }

  function allCases(): Case[] {
    const cases: Case[] = [];
    for (const [operation, typeName] of [
      ['query', queryType],
      ['mutation', mutationType],
    ] as const) {
      for (const field of types.get(typeName)!.fields!) cases.push(...casesFor(operation, field, (x) => x, []));
    }
    // Fields with arguments on the objects a query returns by id (responder(id) { shifts(from, to) }…).
    for (const root of types.get(queryType)!.fields!) {
      const required = root.args.filter((a) => a.type.kind === 'NON_NULL');
      if (required.some((a) => named(a.type).name !== 'ID')) continue;
      const object = types.get(named(root.type).name!);
      if (object?.kind !== 'OBJECT') continue;
      const rootArgs = required.map((a) => `${a.name}: "${idFor(root.name)}"`).join(', ');
      for (const field of object.fields!.filter((f) => f.args.length > 0)) {
        const wrap = (inner: string) => `${root.name}${rootArgs ? `(${rootArgs})` : ''} { ${inner} }`;
        cases.push(...casesFor('query', field, wrap, []));
      }
    }
    return cases;
  }

  it('answers every malformed value with BAD_USER_INPUT naming a field, at once, appending nothing', async () => {
    const cases = allCases();
    expect(cases.length).toBeGreaterThan(300);
    const failures: string[] = [];
    const before = await app.store.headPosition();
    for (const c of cases) {
      const started = Date.now();
      const response = await request(app.server)
        .post('/graphql')
        .set('authorization', `Bearer ${app.token}`)
        .send({ query: c.query, variables: c.variables });
      const elapsed = Date.now() - started;
      const errors: Array<{ extensions?: { code?: string; field?: string } }> = response.body?.errors ?? [];
      const codes = errors.map((e) => e.extensions?.code);
      const allowed = c.big ? ['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE'] : ['BAD_USER_INPUT'];
      if (errors.length === 0) failures.push(`${c.label}: accepted`);
      else if (!codes.every((code) => allowed.includes(code!))) failures.push(`${c.label}: ${codes.join(', ')}`);
      else if (errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && !e.extensions.field)) {
        failures.push(`${c.label}: BAD_USER_INPUT without a field`);
      }
      if (elapsed > 1000) failures.push(`${c.label}: took ${elapsed} ms`);
      if ((await app.store.headPosition()) !== before) {
        failures.push(`${c.label}: appended`);
        break;
      }
    }
    expect(failures).toEqual([]);
    expect(await app.store.headPosition()).toBe(before);
  }, 240_000);

  it('answers a 5 MB value with PAYLOAD_TOO_LARGE, for a text, a time and an id argument', async () => {
    const before = await app.store.headPosition();
    for (const [query, variables] of [
      [`query($team: String) { responders(team: $team) { nodes { id } } }`, { team: FIVE_MB }],
      [`query($at: DateTime) { currentOnCall(at: $at) { at } }`, { at: FIVE_MB }],
      [`query($id: ID!) { rotation(id: $id) { id } }`, { id: FIVE_MB }],
    ] as const) {
      const response = await request(app.server)
        .post('/graphql')
        .set('authorization', `Bearer ${app.token}`)
        .send({ query, variables });
      expect(response.status).toBe(413);
      expect(response.body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
    }
    expect(await app.store.headPosition()).toBe(before);
  });
});
