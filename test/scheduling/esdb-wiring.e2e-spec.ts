import request from 'supertest';
import { EsdbGrpcDouble } from '@app/event-store/testing';
import { CURRENT_ON_CALL, createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The whole service on the EventStoreDB adapter (real client, in-process gRPC double of the
 * Streams API): commands append through it and projections are fed by its subscription.
 */
describe('the service on EventStoreDB (through the gRPC double)', () => {
  let double: EsdbGrpcDouble;
  let app: TestApp;

  beforeAll(async () => {
    double = await EsdbGrpcDouble.start();
    app = await startTestApp({ store: { connectionString: double.connectionString } });
  });

  afterAll(async () => {
    await app.close();
    await double.stop();
  });

  it('answers who is on call from events stored in EventStoreDB', async () => {
    const alice = await registerResponder(app, { handle: 'esdb-alice' });
    const rotationId = await createRotation(app, {
      name: 'AMER 1',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }], shiftDuration: 'PT6H' },
      participantIds: [alice],
    });
    const data = await app.ok(CURRENT_ON_CALL, { at: '2026-07-15T17:00:00Z', rotationIds: [rotationId] });
    expect(data.currentOnCall[0].onCall.map((s: any) => s.responder.handle)).toEqual(['esdb-alice']);
  });

  it('reports the store in the health check, and its loss', async () => {
    const up = await request(app.server).get('/health');
    expect(up.status).toBe(200);
    expect(up.body.details.eventStore).toEqual({ status: 'up', store: 'EsdbEventStore' });
    await double.stop();
    const down = await request(app.server).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.details.eventStore.status).toBe('down');
    await double.start();
  });
});
