import { createHmac } from 'node:crypto';
import { slackRequestProblem, slackSignature } from './slack-signature.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%7D');
const now = new Date('2026-07-15T12:00:00Z');
const timestamp = String(now.getTime() / 1000);

describe('Slack request signatures', () => {
  it('is v0= and the hex HMAC-SHA256 of v0:{timestamp}:{body}', () => {
    const expected = createHmac('sha256', secret).update(`v0:${timestamp}:${body.toString()}`).digest('hex');
    expect(slackSignature(secret, timestamp, body)).toBe(`v0=${expected}`);
  });

  it('accepts a fresh, well-signed request and refuses anything else', () => {
    const signature = slackSignature(secret, timestamp, body);
    expect(slackRequestProblem(secret, { timestamp, signature, rawBody: body }, now)).toBeUndefined();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(slackRequestProblem(secret, { timestamp, signature, rawBody: body }, at(300))).toBeUndefined();
    expect(slackRequestProblem(secret, { timestamp, signature, rawBody: body }, at(301))).toMatch(/5 minutes/);
    expect(slackRequestProblem(secret, { timestamp, signature, rawBody: body }, at(-301))).toMatch(/5 minutes/);
    expect(slackRequestProblem(secret, { timestamp, signature, rawBody: Buffer.from(`${body}x`) }, now)).toMatch(
      /does not match/,
    );
    expect(slackRequestProblem('another-secret', { timestamp, signature, rawBody: body }, now)).toMatch(
      /does not match/,
    );
    expect(slackRequestProblem(secret, { timestamp, signature: 'v0=abc', rawBody: body }, now)).toMatch(
      /does not match/,
    );
    expect(slackRequestProblem(secret, { timestamp, signature: undefined, rawBody: body }, now)).toMatch(
      /no X-Slack-Signature/,
    );
    expect(slackRequestProblem(secret, { timestamp: '12ab', signature, rawBody: body }, now)).toMatch(/Timestamp/);
  });
});
