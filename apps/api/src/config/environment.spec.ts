import 'reflect-metadata';
import { validateEnvironment } from './environment.js';

describe('validateEnvironment: Slack and outbound webhooks', () => {
  it('takes the Slack settings and the private-address switch', () => {
    const environment = validateEnvironment({
      SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99b1c2d385a5',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    expect(environment).toMatchObject({
      SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: true,
    });
    expect(validateEnvironment({}).WEBHOOK_ALLOW_PRIVATE_ADDRESSES).toBe(false);
    expect(validateEnvironment({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' }).WEBHOOK_ALLOW_PRIVATE_ADDRESSES).toBe(
      false,
    );
  });

  it('refuses malformed values with a message naming the variable', () => {
    expect(() => validateEnvironment({ SLACK_BOT_TOKEN: 'not-a-token' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => validateEnvironment({ SLACK_SIGNING_SECRET: 'short' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => validateEnvironment({ SLACK_API_URL: 'ftp://slack' })).toThrow(/SLACK_API_URL/);
    expect(() => validateEnvironment({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'maybe' })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE_ADDRESSES/,
    );
  });
});
