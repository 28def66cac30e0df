import 'reflect-metadata';
import { validateEnvironment } from './environment.js';

describe('validateEnvironment: notifications', () => {
  it('has defaults that need no configuration', () => {
    const env = validateEnvironment({});
    expect(env.PUBLIC_URL).toBe('http://localhost:3000');
    expect(env.NOTIFICATION_SECRET_FILE).toBe('./data/notification-secret');
    expect(env.SMTP_TLS_REJECT_UNAUTHORIZED).toBe(true);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('reads SMTP settings and a false TLS check', () => {
    const env = validateEnvironment({
      SMTP_URL: 'smtp://user:p%40ss@mail.example.com:587',
      SMTP_FROM: 'On call <oncall@example.com>',
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      PUBLIC_URL: 'https://oncall.example.com',
      NOTIFICATION_SECRET: 'n'.repeat(32),
    });
    expect(env.SMTP_TLS_REJECT_UNAUTHORIZED).toBe(false);
    expect(env.SMTP_URL).toBe('smtp://user:p%40ss@mail.example.com:587');
  });

  it.each([
    [{ NOTIFICATION_SECRET: 'short' }, /NOTIFICATION_SECRET must be at least 32/],
    [{ PUBLIC_URL: 'ftp://example.com' }, /PUBLIC_URL must be an http\(s\) URL/],
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL must look like/],
    [{ SMTP_TLS_REJECT_UNAUTHORIZED: 'maybe' }, /SMTP_TLS_REJECT_UNAUTHORIZED/],
  ])('refuses %j', (raw, message) => {
    expect(() => validateEnvironment(raw)).toThrow(message);
  });
});

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

describe('validateEnvironment: the append budget', () => {
  it('is 512 KiB unless set, and takes a value between 256 KiB and 1 MiB', () => {
    expect(validateEnvironment({}).APPEND_BUDGET_BYTES).toBe(524_288);
    expect(validateEnvironment({ APPEND_BUDGET_BYTES: '1048576' }).APPEND_BUDGET_BYTES).toBe(1_048_576);
    expect(validateEnvironment({ APPEND_BUDGET_BYTES: '262144' }).APPEND_BUDGET_BYTES).toBe(262_144);
  });

  it.each([['262143'], ['1048577'], ['lots'], ['200000.5']])('refuses %s', (value) => {
    expect(() => validateEnvironment({ APPEND_BUDGET_BYTES: value })).toThrow(/APPEND_BUDGET_BYTES/);
  });
});
