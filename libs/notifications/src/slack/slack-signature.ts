import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses to replay requests older than this; so do we. */
export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export interface SlackSignedRequest {
  /** X-Slack-Request-Timestamp: Unix seconds. */
  timestamp: string | undefined;
  /** X-Slack-Signature: `v0=` + hex HMAC-SHA256. */
  signature: string | undefined;
  rawBody: Buffer;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the app's signing secret (Slack's "Verifying requests"). */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/** Why a request does not come from Slack (now), or undefined when its signature and timestamp hold. */
export function slackRequestProblem(signingSecret: string, request: SlackSignedRequest, now: Date): string | undefined {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'The request has no valid X-Slack-Request-Timestamp';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_SIGNATURE_MAX_AGE_SECONDS) {
    return 'The request timestamp is more than 5 minutes away from now';
  }
  if (!signature) return 'The request has no X-Slack-Signature';
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'The request signature does not match';
  return undefined;
}
