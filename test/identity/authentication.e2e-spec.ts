import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { TokenSigner } from '@app/identity';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ME = `{ me { actor { id kind } role tokenId } }`;
const REGISTER = `mutation { registerResponder(input: { name: "Eve", handle: "eve", timeZone: "UTC", team: "x", role: ENGINEER }) { id } }`;

function post(app: TestApp, query: string, authorization?: string) {
  const req = request(app.server).post('/graphql');
  if (authorization !== undefined) req.set('authorization', authorization);
  return req.send({ query });
}

describe('authentication (over HTTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ identity: { issuedAtSkewSeconds: 60 } });
  });

  afterAll(() => app.close());

  it('answers UNAUTHENTICATED to a request without a token, runs nothing and appends nothing', async () => {
    const before = await app.store.headPosition();
    const response = await post(app, REGISTER);
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
    expect(await app.store.headPosition()).toBe(before);
  });

  it('keeps the health check open', async () => {
    expect((await request(app.server).get('/health')).status).toBe(200);
  });

  it('names the authenticated actor and role, and records the actor in event metadata', async () => {
    expect((await app.ok(ME)).me).toMatchObject({ actor: { id: 'test-admin', kind: 'OPERATOR' }, role: 'ADMIN' });
    const id = await registerResponder(app, { handle: 'auth-alice' });
    const [event] = await app.store.readStream(`responder-${id}`);
    expect(event.metadata.actor).toBe('test-admin');
  });

  it.each([
    ['no scheme', (t: string) => t],
    ['Basic scheme', () => 'Basic dXNlcjpwYXNz'],
    ['garbage', () => 'Bearer not.a.jwt'],
    [
      'a tampered payload',
      (t: string) =>
        `Bearer ${t.split('.')[0]}.${Buffer.from('{"sub":"x","role":"admin"}').toString('base64url')}.${t.split('.')[2]}`,
    ],
    [
      'alg none',
      () =>
        `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"admin","jti":"j"}').toString('base64url')}.`,
    ],
    ['an oversized token', () => `Bearer ${'a'.repeat(5000)}`],
  ])('refuses %s', async (_, header) => {
    const response = await post(app, ME, header(app.token));
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret, and one that was never issued', async () => {
    const forger = await TokenSigner.create({
      jwtSecret: 'another-secret-another-secret-0123456789',
      jwtSecretFile: '',
      rateLimitPerMinute: 1,
    });
    const forged = await forger.sign(
      { subject: 'test-admin', role: 'admin', tokenId: randomUUID() },
      new Date('2026-07-15T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect((await post(app, ME, `Bearer ${forged}`)).status).toBe(401);
    const signer = app.app.get(TokenSigner);
    const neverIssued = await signer.sign(
      { subject: 'test-admin', role: 'admin', tokenId: randomUUID() },
      new Date('2026-07-15T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect((await post(app, ME, `Bearer ${neverIssued}`)).body.errors[0].message).toBe('The token is not valid');
  });

  it.each([
    [
      'issued two minutes in the future',
      '2026-07-15T12:02:00Z',
      '2026-08-15T12:00:00Z',
      'The token is issued in the future',
    ],
    ['living ten years', '2026-07-15T11:00:00Z', '2036-07-15T11:00:00Z', 'The token lives longer than 366 days'],
    ['living 367 days', '2026-07-15T11:00:00Z', '2027-07-17T11:00:00Z', 'The token lives longer than 366 days'],
  ])('refuses a token signed with the real key but %s', async (_, issuedAt, expiresAt, message) => {
    const signer = app.app.get(TokenSigner);
    // the admin's own token id, subject and role: only the times differ
    const claims = { subject: 'test-admin', role: 'admin' as const, tokenId: decodeJwt(app.token).jti! };
    const bad = await signer.sign(claims, new Date(issuedAt), new Date(expiresAt));
    const refused = await post(app, ME, `Bearer ${bad}`);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
    // within the rules (30 s of skew, 366 days) the same claims are accepted
    const fine = await signer.sign(claims, new Date('2026-07-15T12:00:30Z'), new Date('2027-07-16T12:00:30Z'));
    expect((await post(app, ME, `Bearer ${fine}`)).body.data.me.actor.id).toBe('test-admin');
  });

  it('refuses an expired token (the clock is the injected one)', async () => {
    const issued = await app.ok(
      `mutation { issueApiToken(input: { subjectKind: INTEGRATION, subject: "short", role: INTEGRATION, label: "x", expiresInDays: 1 }) { token } }`,
    );
    const token = `Bearer ${issued.issueApiToken.token}`;
    const raise = `mutation { registerResponder(input: { name: "x", handle: "x", timeZone: "UTC", team: "x", role: ENGINEER }) { id } }`;
    expect((await post(app, raise, token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    app.clock.set('2026-07-16T12:00:01Z');
    const expired = await post(app, ME, token);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].message).toBe('The token has expired');
    app.clock.set('2026-07-15T12:00:00Z');
  });

  it('revokes a token at once, and never stores or returns it again', async () => {
    const responder = await registerResponder(app, { handle: 'auth-bob' });
    const issued = await app.ok(
      `mutation($s: String!) { issueApiToken(input: { subjectKind: RESPONDER, subject: $s, role: RESPONDER, label: "laptop", expiresInDays: 30 }) { token apiToken { id subject role } } }`,
      { s: responder },
    );
    const { token, apiToken } = issued.issueApiToken;
    expect(apiToken).toMatchObject({ subject: responder, role: 'RESPONDER' });
    expect((await post(app, ME, `Bearer ${token}`)).body.data.me.actor.id).toBe(responder);
    const events = await app.store.readAll();
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain(token);
    expect(JSON.stringify(await app.ok(`{ apiTokens { nodes { id label revokedAt } } }`))).not.toContain(token);

    await app.ok(`mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "lost laptop") { revokedAt } }`, {
      t: apiToken.id,
    });
    const revoked = await post(app, ME, `Bearer ${token}`);
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].message).toBe('The token has been revoked');
  });

  it('issues person tokens only for registered responders, and operator tokens only from the command line', async () => {
    const unknown = await app.gql(
      `mutation { issueApiToken(input: { subjectKind: RESPONDER, subject: "00000000-0000-4000-8000-000000000000", role: ADMIN, label: "x", expiresInDays: 1 }) { token } }`,
    );
    expect(unknown.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const operator = await app.gql(
      `mutation { issueApiToken(input: { subjectKind: OPERATOR, subject: "root", role: ADMIN, label: "x", expiresInDays: 1 }) { token } }`,
    );
    expect(operator.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectKind' });
  });

  it('issues a display a viewer token with no person behind it: it reads and writes nothing', async () => {
    const issued = await app.ok(
      `mutation { issueApiToken(input: { subjectKind: DISPLAY, subject: "lobby-wall", role: VIEWER, label: "lobby screen", expiresInDays: 366 }) { token apiToken { subject subjectKind role } } }`,
    );
    expect(issued.issueApiToken.apiToken).toEqual({
      subject: 'display:lobby-wall',
      subjectKind: 'DISPLAY',
      role: 'VIEWER',
    });
    const display = `Bearer ${issued.issueApiToken.token}`;
    expect((await post(app, ME, display)).body.data.me).toMatchObject({
      actor: { id: 'display:lobby-wall', kind: 'DISPLAY' },
      role: 'VIEWER',
    });
    const read = await post(app, `{ responder(id: "${randomUUID()}") { name } }`, display);
    expect(read.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const before = await app.store.headPosition();
    const write = await post(app, REGISTER, display);
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await app.store.headPosition()).toBe(before);

    const manager = await app.gql(
      `mutation { issueApiToken(input: { subjectKind: DISPLAY, subject: "wall", role: MANAGER, label: "x", expiresInDays: 1 }) { token } }`,
    );
    expect(manager.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });
});

describe('authentication with RS256 keys', () => {
  it('signs and verifies with the configured key pair', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const app = await startTestApp({
      identity: { jwtSecret: undefined, jwtPrivateKey: privateKey, jwtPublicKey: publicKey },
    });
    try {
      expect(JSON.parse(Buffer.from(app.token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'RS256' });
      expect((await app.ok(ME)).me.role).toBe('ADMIN');
    } finally {
      await app.close();
    }
  });
});

describe('rate limiting per token', () => {
  it('answers TOO_MANY_REQUESTS past the limit, for that token only, and keeps serving', async () => {
    const app = await startTestApp({ identity: { rateLimitPerMinute: 5 } });
    try {
      const viewer = await app.as('viewer');
      const codes: string[] = [];
      for (let i = 0; i < 7; i++) {
        const response = await viewer.gql(ME);
        codes.push(response.errors?.[0].extensions.code ?? `${response.status}`);
        if (response.errors) expect(response.status).toBe(429);
      }
      expect(codes).toEqual(['200', '200', '200', '200', '200', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      expect((await app.gql(ME)).errors).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('audit trail', () => {
  it('lists who did what to a rotation, from its events, and hides token history from non-admins', async () => {
    const app = await startTestApp();
    try {
      const responder = await registerResponder(app, { handle: 'audit-alice' });
      const manager = await app.as('manager', 'audit-manager');
      const rotation = await app.ok(
        `mutation($p: [ID!]!) { createRotation(input: { name: "Audit", team: "t", timeZone: "UTC", startDate: "2026-01-01",
          pattern: { cycle: DAILY, handoffs: [{ time: "09:00" }] }, participantIds: $p }) { id } }`,
        { p: [responder] },
      );
      const id = rotation.createRotation.id;
      await manager.ok(`mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`, {
        input: {
          rotationId: id,
          responderId: responder,
          start: '2026-01-02T10:00',
          end: '2026-01-02T11:00',
          timeZone: 'UTC',
        },
      });
      const viewer = await app.as('viewer', 'audit-viewer');
      const trail = await viewer.ok(
        `query($id: ID!) { auditTrail(kind: "rotation", id: $id) { nodes { type actor { id } } } }`,
        {
          id,
        },
      );
      expect(trail.auditTrail.nodes).toEqual([
        { type: 'RotationCreated', actor: { id: 'test-admin' } },
        { type: 'OverrideScheduled', actor: { id: 'audit-manager' } },
      ]);
      const tokens = await app.ok(`{ apiTokens { nodes { id subject } } }`);
      const tokenId = tokens.apiTokens.nodes.find((t: { subject: string }) => t.subject === 'audit-viewer').id;
      const denied = await viewer.gql(`query($id: ID!) { auditTrail(kind: "api-token", id: $id) { nodes { type } } }`, {
        id: tokenId,
      });
      expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const raised = await app.ok(
        `mutation($r: ID!) { raiseEscalation(input: { source: SUPPORT, severity: S2, title: "Down", description: "", rotationId: $r }) { id } }`,
        { r: id },
      );
      const escalationTrail = await viewer.ok(
        `query($id: ID!) { auditTrail(kind: "escalation", id: $id) { nodes { type actor { id } } } }`,
        {
          id: raised.raiseEscalation.id,
        },
      );
      expect(escalationTrail.auditTrail.nodes[0]).toEqual({ type: 'EscalationRaised', actor: { id: 'test-admin' } });
      const unknownKind = await viewer.gql(
        `{ auditTrail(kind: "nope", id: "00000000-0000-4000-8000-000000000000") { nodes { type } } }`,
      );
      expect(unknownKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    } finally {
      await app.close();
    }
  });
});
