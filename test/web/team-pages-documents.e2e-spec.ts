import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Kind, parse, validate } from 'graphql';
import * as figures from '../../apps/web/src/pages/figures/figures.queries.js';
import * as handovers from '../../apps/web/src/pages/handovers/handovers.queries.js';
import * as rapidActions from '../../apps/web/src/pages/rapid-actions/rapid-actions.queries.js';
import * as schedules from '../../apps/web/src/pages/schedules/schedules.queries.js';
import { ME } from '../../apps/web/src/pages/common/me.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const all = Object.entries({ ...figures, ...handovers, ...rapidActions, ...schedules, ME }).filter(
  ([, value]) => typeof value === 'string' && /^\s*(query|mutation|subscription)\b/.test(value),
) as [string, string][];
/** Sent over HTTP POST; the subscriptions go over graphql-ws, where the same limits apply at subscribe time. */
const documents = all.filter(([, value]) => !/^\s*subscription\b/.test(value));

/** Every GraphQL document the Schedules, Handovers, Rapid actions and Figures pages send is valid against the API and within its limits. */
describe('the documents of the team pages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app.close());

  it('finds the documents', () => {
    expect(documents.length).toBeGreaterThanOrEqual(20);
  });

  it('finds the subscriptions', () => {
    expect(all.length - documents.length).toBeGreaterThanOrEqual(3);
  });

  it.each(all)('%s validates against the schema', (_name, document) => {
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const parsed = parse(document);
    // validate() leaves the fields of an operation whose root type is missing unchecked
    for (const definition of parsed.definitions)
      if (definition.kind === Kind.OPERATION_DEFINITION) expect(schema.getRootType(definition.operation)).toBeTruthy();
    expect(validate(schema, parsed).map((e) => e.message)).toEqual([]);
  });

  // Mutations are sent without their required input: the limits are checked first, then nothing runs.
  it.each(documents)('%s stays within the cost and depth limits', async (_name, document) => {
    const response = await app.gql(document, {
      id: 'x',
      rotationId: 'x',
      boundaryId: 'x',
      responderId: 'x',
      from: '2026-07-01T00:00:00Z',
      to: '2026-08-01T00:00:00Z',
      date: '2026-07-15',
      quarter: '2026-Q3',
    });
    const limits = (response.errors ?? []).filter((e) => /limit|depth|cost|exceeded/i.test(e.message));
    expect(limits).toEqual([]);
  });
});
