import { UnauthenticatedError } from '@app/core';
import { TokenSigner, VERIFIED_TOKEN_CACHE_SIZE } from './token-signer.js';

const ISSUED = new Date('2026-12-01T12:00:00.000Z');
const EXPIRES = new Date('2026-12-02T12:00:00.000Z');
const claims = { subject: 'operator:ops', role: 'admin' as const, tokenId: 't-1' };

describe('TokenSigner and the tokens it has verified already', () => {
  let signer: TokenSigner;

  beforeEach(async () => {
    signer = await TokenSigner.create({
      jwtSecret: 'a-test-secret-of-at-least-32-characters',
      jwtSecretFile: '',
      rateLimitPerMinute: 60,
    });
  });

  it('accepts a remembered token until its expiry, by the clock it is given, and not from then on', async () => {
    const token = await signer.sign(claims, ISSUED, EXPIRES);
    await expect(signer.verify(token, ISSUED)).resolves.toEqual(claims);
    await expect(signer.verify(token, new Date(EXPIRES.getTime() - 1000))).resolves.toEqual(claims);
    await expect(signer.verify(token, EXPIRES)).rejects.toThrow('The token has expired');
  });

  it('still refuses a remembered token at a time before its issue time, beyond the skew', async () => {
    const token = await signer.sign(claims, ISSUED, EXPIRES);
    await signer.verify(token, ISSUED);
    await expect(signer.verify(token, new Date(ISSUED.getTime() - 61_000))).rejects.toThrow(
      'The token is issued in the future',
    );
    await expect(signer.verify(token, new Date(ISSUED.getTime() - 59_000))).resolves.toEqual(claims);
  });

  it('checks the signature of every token text it has not verified, however close to a remembered one', async () => {
    const token = await signer.sign(claims, ISSUED, EXPIRES);
    await signer.verify(token, ISSUED);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decode(payload), role: 'admin', sub: 'operator:mallory' }));
    const tampered = `${header}.${forged.toString('base64url')}.${signature}`;
    await expect(signer.verify(tampered, ISSUED)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(signer.verify(`${token}x`, ISSUED)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('does not remember a token it refused', async () => {
    const other = await TokenSigner.create({
      jwtSecret: 'another-secret-of-at-least-32-characters',
      jwtSecretFile: '',
      rateLimitPerMinute: 60,
    });
    const foreign = await other.sign(claims, ISSUED, EXPIRES);
    await expect(signer.verify(foreign, ISSUED)).rejects.toThrow('The token is not valid');
    await expect(signer.verify(foreign, ISSUED)).rejects.toThrow('The token is not valid');
  });

  it('remembers a bounded number of tokens, and verifies a forgotten one again', async () => {
    const first = await signer.sign(claims, ISSUED, EXPIRES);
    await signer.verify(first, ISSUED);
    for (let n = 0; n < VERIFIED_TOKEN_CACHE_SIZE; n++) {
      const token = await signer.sign({ ...claims, tokenId: `t-${n + 2}` }, ISSUED, EXPIRES);
      await signer.verify(token, ISSUED);
    }
    const remembered = (signer as unknown as { verified: Map<string, unknown> }).verified;
    expect(remembered.size).toBe(VERIFIED_TOKEN_CACHE_SIZE);
    expect(remembered.has(first)).toBe(false);
    await expect(signer.verify(first, ISSUED)).resolves.toEqual(claims);
  });
});

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
