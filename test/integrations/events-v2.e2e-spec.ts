import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { deterministicId } from '@app/event-store';
import { alertStream } from '@app/integrations';
import { alertEscalations, createKey, enqueue, setUpAlertRotation, trigger } from '../support/integrations.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** PagerDuty's Events API v2 on /v2/enqueue: the documented examples, its answers, and its dedup rules. */
describe('Events API v2 intake (over HTTP)', () => {
  let app: TestApp;
  let key: string;
  let keyId: string;
  let handle: string;

  beforeAll(async () => {
    app = await startTestApp();
    const setup = await setUpAlertRotation(app);
    handle = 'sre-1';
    ({ key, id: keyId } = await createKey(app, { rotationId: setup.rotationId, defaultSeverity: 'S3' }));
  });

  afterAll(() => app.close());

  const eventCount = async () => (await app.store.readAll()).length;

  it('creates a 32-character key shown once, and keeps only its hash', async () => {
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const events = await app.store.readAll();
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain(key);
    const created = events.find((e) => e.type === 'IntegrationKeyCreated')!;
    expect(created.metadata.actor).toBe('test-admin');
    expect(created.data.createdBy).toBe('test-admin');
    const listed = await app.ok('{ integrationKeys { totalCount nodes { id name kind rotation { name } } } }');
    expect(listed.integrationKeys.nodes).toEqual([
      { id: keyId, name: 'monitoring', kind: 'EVENTS_V2', rotation: { name: 'Alerts sre-1' } },
    ]);
    expect(JSON.stringify(listed)).not.toContain(key);
    const audit = await app.ok(
      `query($id: ID!) { auditTrail(kind: "integration-key", id: $id) { nodes { type actor { id } } } }`,
      {
        id: keyId,
      },
    );
    expect(audit.auditTrail.nodes).toEqual([{ type: 'IntegrationKeyCreated', actor: { id: 'test-admin' } }]);
  });

  it('triggers (the documented example), pages the on-call responder and answers 202 with the dedup key', async () => {
    const response = await enqueue(
      app,
      trigger(
        key,
        {
          dedup_key: 'samplekeyhere',
          client: 'Sample Monitoring Service',
          client_url: 'https://monitoring.service.com',
          links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
          images: [
            {
              src: 'https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png',
              href: 'https://example.com/',
              alt: 'Example text',
            },
          ],
        },
        {
          severity: 'critical',
          timestamp: '2015-07-17T08:42:58.315+0000',
          component: 'mysql',
          group: 'prod-datapipe',
          class: 'deploy',
          custom_details: { 'ping time': '1500ms', 'load avg': 0.75 },
        },
      ),
    );
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'samplekeyhere' });
    const [escalation] = (await alertEscalations(app, { dedupKey: 'samplekeyhere' })).nodes;
    expect(escalation).toMatchObject({
      title: 'Example alert on host1.example.com',
      severity: 'S1',
      state: 'OPEN',
      pages: { nodes: [{ state: 'TRIGGERED', recipients: [{ handle }] }] },
      alert: {
        dedupKey: 'samplekeyhere',
        occurrences: 1,
        integrationKey: { id: keyId, name: 'monitoring', kind: 'EVENTS_V2' },
      },
    });
    expect(escalation.alert.links).toEqual([{ href: 'http://pagerduty.example.com', text: 'An example link.' }]);
    expect(JSON.parse(escalation.alert.details)).toMatchObject({
      component: 'mysql',
      custom_details: { 'ping time': '1500ms', 'load avg': 0.75 },
      client: 'Sample Monitoring Service',
    });
  });

  it('adds an occurrence for a trigger with an open dedup key and pages nobody new', async () => {
    await app.advanceClock('2026-07-15T12:03:00Z');
    const response = await enqueue(app, trigger(key, { dedup_key: 'samplekeyhere' }, { summary: 'Still failing' }));
    expect(response.status).toBe(202);
    const { nodes } = await alertEscalations(app, { dedupKey: 'samplekeyhere' });
    expect(nodes).toHaveLength(1);
    expect(nodes[0].pages.nodes).toHaveLength(1);
    expect(nodes[0].alert).toMatchObject({
      occurrences: 2,
      summary: 'Still failing',
      lastOccurredAt: '2026-07-15T12:03:00.000Z',
    });
  });

  it('acknowledges the open pages on behalf of the integration, then resolves', async () => {
    const ack = await enqueue(app, { routing_key: key, event_action: 'acknowledge', dedup_key: 'samplekeyhere' });
    expect(ack.status).toBe(202);
    expect(ack.body.dedup_key).toBe('samplekeyhere');
    let [escalation] = (await alertEscalations(app, { dedupKey: 'samplekeyhere' })).nodes;
    expect(escalation.state).toBe('ACKNOWLEDGED');
    expect(escalation.pages.nodes[0].state).toBe('ACKNOWLEDGED');
    expect(escalation.alert.acknowledgedAt).toBe('2026-07-15T12:03:00.000Z');
    // Acknowledged pages do not time out to the next step.
    await app.advanceClock('2026-07-15T12:40:00Z');
    [escalation] = (await alertEscalations(app, { dedupKey: 'samplekeyhere' })).nodes;
    expect(escalation.pages.nodes.map((p: any) => p.state)).toEqual(['ACKNOWLEDGED']);

    const resolve = await enqueue(app, { routing_key: key, event_action: 'resolve', dedup_key: 'samplekeyhere' });
    expect(resolve.status).toBe(202);
    [escalation] = (await alertEscalations(app, { dedupKey: 'samplekeyhere' })).nodes;
    expect(escalation.state).toBe('RESOLVED');
    const history = await app.ok(
      `query($id: ID!) { escalation(id: $id) { history { nodes { type actor { id kind integration { id name } } } } } }`,
      {
        id: escalation.id,
      },
    );
    expect(history.escalation.history.nodes.at(-1)).toEqual({
      type: 'EscalationResolved',
      actor: {
        id: `integration-key:${keyId}`,
        kind: 'INTEGRATION',
        integration: { id: keyId, name: expect.any(String) },
      },
    });
  });

  it('opens a new escalation for a trigger after resolution', async () => {
    expect((await enqueue(app, trigger(key, { dedup_key: 'samplekeyhere' }))).status).toBe(202);
    const { nodes } = await alertEscalations(app, { dedupKey: 'samplekeyhere' });
    expect(nodes.map((n: any) => n.state)).toEqual(['OPEN', 'RESOLVED']);
    const open = await app.ok(
      `query($f: OpenEscalationsFilter) { openEscalations(filter: $f) { totalCount nodes { id } } }`,
      {
        f: { integrationKeyId: keyId, dedupKey: 'samplekeyhere' },
      },
    );
    expect(open.openEscalations.nodes).toEqual([{ id: nodes[0].id }]);
  });

  it('accepts acknowledge and resolve of an unknown dedup key and changes nothing', async () => {
    const before = await eventCount();
    for (const event_action of ['acknowledge', 'resolve']) {
      const response = await enqueue(app, { routing_key: key, event_action, dedup_key: 'never-triggered' });
      expect(response.status).toBe(202);
    }
    expect(await eventCount()).toBe(before);
  });

  it('generates a dedup key for a trigger without one', async () => {
    const response = await enqueue(app, trigger(key));
    expect(response.status).toBe(202);
    expect(response.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    expect((await alertEscalations(app, { dedupKey: response.body.dedup_key })).totalCount).toBe(1);
  });

  it('opens exactly one escalation and sends one page for 50 identical triggers at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => enqueue(app, trigger(key, { dedup_key: 'storm' }, { severity: 'error' }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(202));
    const { nodes } = await alertEscalations(app, { dedupKey: 'storm' });
    expect(nodes).toHaveLength(1);
    expect(nodes[0].pages.nodes).toHaveLength(1);
    expect(nodes[0].alert.occurrences).toBe(50);
    const raised = (await app.store.readAll()).filter(
      (e) => e.type === 'EscalationRaised' && (e.data as any).alert?.dedupKey === 'storm',
    );
    expect(raised).toHaveLength(1);
  });

  it('completes the same escalation after a crash between the dedup stream and the escalation stream', async () => {
    const stream = alertStream(keyId, 'crashed');
    const escalationId = deterministicId(stream, 'opening-0');
    const rotationId = (await app.ok('{ rotations { nodes { id } } }')).rotations.nodes[0].id;
    // What a process that died right after its first append leaves behind: the dedup stream names
    // an escalation that was never raised.
    await app.store.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'AlertOpened',
          data: {
            integrationKeyId: keyId,
            dedupKey: 'crashed',
            escalationId,
            replaces: null,
            rotationId,
            serviceId: null,
            severity: 'S2',
            title: 'Queue backlog',
            description: '',
            incidentTag: null,
            raisedAt: '2026-07-15T12:03:00.000Z',
            alert: {
              integrationKeyId: keyId,
              integrationKeyName: 'monitoring',
              kind: 'EVENTS_V2',
              dedupKey: 'crashed',
              groupKey: null,
              maintenanceWindowId: null,
              summary: 'Queue backlog',
              labels: {},
              annotations: {},
              links: [],
              details: {},
              occurrenceKey: null,
            },
          },
          metadata: {
            actor: `integration-key:${keyId}`,
            correlationId: 'crash',
            causationId: null,
            occurredAt: '2026-07-15T12:03:00.000Z',
            schemaVersion: 1,
          },
        },
      ],
      'no_stream',
    );
    // The client got no answer and retries.
    const retry = await enqueue(app, trigger(key, { dedup_key: 'crashed' }, { summary: 'Queue backlog' }));
    expect(retry.status).toBe(202);
    const { nodes } = await alertEscalations(app, { dedupKey: 'crashed' });
    expect(nodes.map((n: any) => n.id)).toEqual([escalationId]);
    expect(nodes[0].pages.nodes).toHaveLength(1);
  });

  describe('refuses what is not a valid event, appending nothing', () => {
    const refusals: Array<[string, () => unknown, RegExp]> = [
      [
        'a missing routing key',
        () => ({ event_action: 'trigger', payload: { summary: 's', source: 's', severity: 'info' } }),
        /routing_key/,
      ],
      [
        'an unknown event_action',
        () => ({ routing_key: key, event_action: 'escalate', dedup_key: 'x' }),
        /event_action/,
      ],
      ['a missing payload', () => ({ routing_key: key, event_action: 'trigger' }), /payload/],
      ['a summary over 1,024 characters', () => trigger(key, {}, { summary: 'x'.repeat(1025) }), /summary.*1024/],
      ['an unknown severity', () => trigger(key, {}, { severity: 'fatal' }), /severity/],
      ['a missing source', () => trigger(key, {}, { source: undefined }), /source/],
      ['a dedup key over 255 characters', () => trigger(key, { dedup_key: 'k'.repeat(256) }), /dedup_key.*255/],
      ['a resolve without dedup key', () => ({ routing_key: key, event_action: 'resolve' }), /dedup_key.*required/],
      ['a wrongly typed field', () => trigger(key, { links: 'http://x' }), /links/],
      ['an array body', () => [trigger(key)], /JSON object/],
    ];
    it.each(refusals)('%s: 400 invalid event with its errors', async (_name, body, error) => {
      const before = await eventCount();
      const response = await enqueue(app, body());
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
      expect(response.body.errors.join('; ')).toMatch(error);
      expect(await eventCount()).toBe(before);
    });

    it('an unknown or revoked routing key: 400 invalid routing key', async () => {
      const before = await eventCount();
      const unknown = await enqueue(app, trigger('0123456789abcdef0123456789abcdef'));
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ status: 'invalid event', message: 'invalid routing key' });
      expect(await eventCount()).toBe(before);
      const other = await createKey(app, {
        name: 'old',
        rotationId: (await app.ok('{ rotations { nodes { id } } }')).rotations.nodes[0].id,
      });
      await app.ok(`mutation($id: ID!) { revokeIntegrationKey(id: $id) { id revokedAt revokedBy { kind id } } }`, {
        id: other.id,
      });
      const afterRevocation = await eventCount();
      const revoked = await enqueue(app, trigger(other.key));
      expect(revoked.status).toBe(400);
      expect(revoked.body.message).toBe('invalid routing key');
      expect(await eventCount()).toBe(afterRevocation);
    });

    it('malformed JSON: 400 with a message and no stack', async () => {
      const response = await request(app.server)
        .post('/v2/enqueue')
        .set('content-type', 'application/json')
        .send('{"routing_key": ');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['The request body is not valid JSON'],
      });
    });

    it('a body over 512 KB: 413, while /graphql still takes up to 1 MB', async () => {
      const before = await eventCount();
      const big = trigger(key, {}, { custom_details: { blob: 'x'.repeat(600 * 1024) } });
      const response = await enqueue(app, big);
      expect(response.status).toBe(413);
      expect(response.body.status).toBe('invalid event');
      const five = await enqueue(app, trigger(key, {}, { custom_details: { blob: 'x'.repeat(5 * 1024 * 1024) } }));
      expect(five.status).toBe(413);
      expect(await eventCount()).toBe(before);
      const graphql = await app.gql(`query($pad: String) { __typename }`, { pad: 'x'.repeat(700 * 1024) });
      expect(graphql.status).not.toBe(413);
      expect(graphql.errors?.map((e) => e.extensions.code)).not.toContain('PAYLOAD_TOO_LARGE');
    });
  });
});
