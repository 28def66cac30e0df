import { buildSchema, parse } from 'graphql';
import { FieldAccess } from './field-access.js';

const schema = buildSchema(`
  type Query { person(id: ID!): Person! people: [Person!]! }
  type Mutation { raise: Alert! }
  type Person { id: ID! name: String! leave: Leave }
  type Leave { start: String! reason: String! }
  type Alert { id: ID! state: String! owner: Person unclassified: String }
`);

const access = new FieldAccess(
  { Person: { readers: ['id', 'name', 'leave'] }, Leave: { readers: ['start'], leads: ['reason'] } },
  { Alert: { anyone: ['id', 'state'], readers: ['owner'] } },
);

const refused = (query: string, role: Parameters<FieldAccess['refusedFields']>[2]) =>
  access.refusedFields(schema, parse(query), role);

describe('FieldAccess', () => {
  it('refuses the fields a role may not read, wherever the operation selects them', () => {
    expect(refused('{ person(id: "1") { name leave { start reason } } }', 'viewer')).toEqual(['Leave.reason']);
    expect(refused('{ person(id: "1") { name leave { start reason } } }', 'manager')).toEqual([]);
    expect(
      refused('{ people { ...P } } fragment P on Person { leave { ... on Leave { reason } } }', 'responder'),
    ).toEqual(['Leave.reason']);
  });

  it('gives integrations only what is classified for anyone, and fails closed for unclassified fields', () => {
    expect(refused('mutation { raise { id state } }', 'integration')).toEqual([]);
    expect(refused('mutation { raise { id owner { name } unclassified } }', 'integration')).toEqual([
      'Alert.owner',
      'Alert.unclassified',
      'Person.name',
    ]);
    expect(refused('mutation { raise { unclassified } }', 'viewer')).toEqual([]);
    expect(access.rolesFor('Alert', 'unclassified')).toBeUndefined();
  });

  it('lets the system read everything and anyone read the schema itself', () => {
    expect(refused('{ person(id: "1") { leave { reason } } }', 'system')).toEqual([]);
    expect(refused('{ __schema { types { name } } people { __typename } }', 'integration')).toEqual([]);
  });

  it('refuses a table that classifies a field twice', () => {
    expect(() => new FieldAccess({ Person: { readers: ['id'] } }, { Person: { anyone: ['id'] } })).toThrow(
      'Person.id is classified twice',
    );
  });
});
