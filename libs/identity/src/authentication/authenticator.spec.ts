import type { DiscoveryService } from '@nestjs/core';
import { ManualClock, UnauthenticatedError } from '@app/core';
import { CommandRunner, ProjectionRunner, ReadModelDatabase, SqliteEventStore } from '@app/event-store';
import { apiTokenDecider } from '../domain/api-token/api-token.decider.js';
import { apiTokenStream } from '../domain/api-token/api-token.events.js';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';
import { TokenSigner } from '../tokens/token-signer.js';
import { Authenticator } from './authenticator.js';

const NOW = '2026-12-01T12:00:00.000Z';
const LATER = '2026-12-31T12:00:00.000Z';

/**
 * A token issued elsewhere (the command line, another instance) a moment ago: its event is in the
 * store, but this process's read model has not applied it yet (the projection is never fed here).
 */
describe('Authenticator and a token the read model has not seen yet', () => {
  const clock = new ManualClock(NOW);
  const store = new SqliteEventStore({ path: ':memory:' });
  const readModels = new ReadModelDatabase(':memory:');
  const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;
  const runner = new CommandRunner(store, clock, new ProjectionRunner(store, readModels, 1000, noProjections));
  const tokens = new ApiTokensProjection();
  tokens.setUp(readModels.db);
  let signer: TokenSigner;
  let authenticator: Authenticator;

  beforeAll(async () => {
    signer = await TokenSigner.create({
      jwtSecret: 'a-test-secret-of-at-least-32-characters',
      jwtSecretFile: '',
      rateLimitPerMinute: 60,
    });
    authenticator = new Authenticator(signer, tokens, runner, clock, { jwtSecretFile: '', rateLimitPerMinute: 60 });
  });

  afterAll(async () => {
    await store.close();
    readModels.db.close();
  });

  async function issue(tokenId: string, role: 'admin' | 'viewer', subject: string): Promise<string> {
    await runner.run(
      apiTokenStream(tokenId),
      apiTokenDecider,
      {
        type: 'IssueApiToken',
        tokenId,
        subject,
        subjectKind: role === 'admin' ? 'operator' : 'display',
        role,
        label: subject,
        issuedAt: NOW,
        expiresAt: LATER,
      },
      { actor: 'system', role: 'system', correlationId: 'c' },
    );
    return signer.sign({ subject, role, tokenId }, new Date(NOW), new Date(LATER));
  }

  it('accepts it at once, from its stream', async () => {
    const token = await issue('t-fresh', 'admin', 'operator:ops');
    expect(tokens.find('t-fresh')).toBeNull();
    await expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).resolves.toMatchObject({
      actor: 'operator:ops',
      role: 'admin',
      tokenId: 't-fresh',
    });
  });

  it('still refuses a signed token whose id was never issued, or revoked in its stream', async () => {
    const unknown = await signer.sign(
      { subject: 'operator:ops', role: 'admin', tokenId: 't-never' },
      new Date(NOW),
      new Date(LATER),
    );
    await expect(authenticator.authenticate({ authorization: `Bearer ${unknown}` })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const token = await issue('t-revoked', 'viewer', 'display:lobby');
    await runner.run(
      apiTokenStream('t-revoked'),
      apiTokenDecider,
      { type: 'RevokeApiToken', tokenId: 't-revoked', reason: 'lost', now: NOW },
      { actor: 'system', role: 'system', correlationId: 'c' },
    );
    await expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).rejects.toThrow('revoked');
  });
});
