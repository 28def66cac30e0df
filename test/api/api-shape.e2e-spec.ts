import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The API speaks one language (README, "API conventions"), checked on the schema itself so a new
 * field is held to it by this test:
 * - a list of objects is a connection (`nodes`, `pageInfo`, `totalCount`, taking `first`/`after`),
 *   unless it is a short fixed sub-list of one object, listed here with why;
 * - nothing pages with `limit`/`offset`;
 * - who did something is an Actor, never a bare id or name (`*By`, `*ById`, `actor*`, `author*` fields);
 * - a lifecycle is a `state`: no enum field, argument or enum type says `status`.
 */

/** Short lists fixed by one object's own definition: they stay arrays. */
const FIXED_SUB_LISTS = new Set([
  'EscalationAlert.annotations', // of one alert payload, bounded at intake
  'EscalationAlert.labels',
  'EscalationAlert.links',
  'EscalationFigures.teams', // one per team, over the range asked
  'EscalationFigures.weeks',
  'EscalationPolicy.backupPool', // as the policy sets them
  'EscalationPolicy.steps',
  'EscalationPolicyStep.responders',
  'HandoverSettings.receivingRotations',
  'OnCallReason.skipped', // participants of one rotation passed over for one turn
  'Page.notifications', // one page's messages: its recipients times their rules
  'Page.recipients',
  'Page.shadows',
  'Page.skippedSteps',
  'PageSelection.candidates',
  'ProjectionStatus.skippedByReason', // one count per reason a foreign event is skipped for
  'RapidAction.exitCriteria', // set when declared, amended by hand
  'RapidAction.followUps',
  'RapidAction.openBlockers',
  'RapidAction.stakeholders',
  'RapidAction.subDris',
  'RapidActionDigest.entries', // one day's digest
  'RapidActionDigestEntry.updates',
  'RapidActionResolution.overriddenCriteria',
  'RapidActionUpdate.previousVersions',
  'ResponderChangePayload.warnings', // one correction's warnings, over 28 days from when it takes effect
  'Responder.contactMethods',
  'Responder.notificationRules',
  'Responder.shifts', // over the [from, to) asked, bounded by the time-walk limits
  'Responder.workingHours',
  'Rotation.coverageWindows',
  'Rotation.driWindows',
  'Rotation.participants',
  'Rotation.shadows',
  'Rotation.shifts',
  'RotationChangePayload.warnings',
  'RotationLoad.aboveThreshold',
  'RotationLoad.participants',
  'RotationOnCall.onCall',
  'RotationOnCall.shadows',
  'ShiftBoundary.incoming',
  'ShiftBoundary.items',
  'ShiftBoundary.outgoing',
  'ShiftPattern.handoffs',
  'SlotAssignmentExplanation.candidates',
  'SlotRound.slots',
  'TimelineEntry.responders',
  'WeekEscalationFigures.teams',
  'WeekendSlotCount.slots',
  'WeekendThankYou.people',
  'WorkingHoursWarning.shifts', // of one warning, within those 28 days
  // queries answering one entry per id asked (or per rotation), or a fixed set
  'Query.currentOnCall',
  'Query.onCallAsRecorded',
  'Query.responderPresence',
  'Query.projections',
  // reports of one row per person over the range asked, read whole to compare people (bounded by
  // the head count, not by time: a longer range does not make them longer)
  'Query.onCallHours',
  'Query.weekendSlots',
]);

const ACTOR_NAME = /(By|ById|ByIds)$|^(actor|author)/;

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
}

function fieldsOf(schema: GraphQLSchema): Array<[string, GraphQLField<unknown, unknown>]> {
  return objectTypes(schema).flatMap((type) =>
    Object.values(type.getFields()).map(
      (field) => [`${type.name}.${field.name}`, field] as [string, GraphQLField<unknown, unknown>],
    ),
  );
}

const isConnection = (type: GraphQLObjectType) => {
  const fields = type.getFields();
  return type.name.endsWith('Connection') && 'nodes' in fields && 'pageInfo' in fields && 'totalCount' in fields;
};

describe('one API shape (schema introspection)', () => {
  let app: TestApp;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    app = await startTestApp();
    schema = app.app.get(GraphQLSchemaHost).schema;
  });

  afterAll(() => app.close());

  it('answers every list of objects as a connection, except the short fixed sub-lists', () => {
    const bare = fieldsOf(schema)
      .filter(([name, field]) => {
        const type = getNullableType(field.type);
        return isListType(type) && isObjectType(getNamedType(type)) && !name.endsWith('Connection.nodes');
      })
      .map(([name]) => name)
      .filter((name) => !FIXED_SUB_LISTS.has(name));
    expect(bare).toEqual([]);
  });

  it('keeps the list of fixed sub-lists honest: each entry is still a bare list', () => {
    const fields = new Map(fieldsOf(schema));
    const stale = [...FIXED_SUB_LISTS].filter((name) => {
      const field = fields.get(name);
      return !field || !isListType(getNullableType(field.type));
    });
    expect(stale).toEqual([]);
  });

  it('pages every connection with first and after, and nothing with limit or offset', () => {
    const problems: string[] = [];
    for (const [name, field] of fieldsOf(schema)) {
      const named = getNamedType(field.type);
      const args = field.args.map((arg) => arg.name);
      if (isObjectType(named) && isConnection(named) && !(args.includes('first') && args.includes('after')))
        problems.push(`${name} lacks first/after`);
      for (const arg of ['limit', 'offset']) if (args.includes(arg)) problems.push(`${name}(${arg})`);
    }
    for (const type of objectTypes(schema)) {
      if (type.name.endsWith('Connection') && !isConnection(type)) problems.push(`${type.name} is not a connection`);
    }
    expect(problems).toEqual([]);
  });

  it('shows who did something as an Actor, never as a bare id or name', () => {
    const bareActors = fieldsOf(schema)
      .filter(([, field]) => ACTOR_NAME.test(field.name))
      .filter(([, field]) => ['ID', 'String'].includes(getNamedType(field.type).name))
      .map(([name]) => name);
    expect(bareActors).toEqual([]);
    const actorFields = fieldsOf(schema)
      .filter(([, field]) => getNamedType(field.type).name === 'Actor')
      .map(([name]) => name);
    expect(actorFields).toEqual(
      expect.arrayContaining(['TimelineEntry.actor', 'HistoryEntry.actor', 'Escalation.raisedBy']),
    );
  });

  it('says state for a lifecycle: no enum field, argument or enum type says status', () => {
    const statuses: string[] = [];
    for (const [name, field] of fieldsOf(schema)) {
      if (field.name === 'status' && isEnumType(getNamedType(field.type))) statuses.push(name);
      for (const arg of field.args) if (arg.name === 'status') statuses.push(`${name}(status)`);
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (isEnumType(type) && type.name.endsWith('Status')) statuses.push(type.name);
    }
    expect(statuses).toEqual([]);
  });
});
