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

describe('validateEnvironment: sign-in', () => {
  const oidc = {
    OIDC_ISSUER_URL: 'https://idp.example.com/realms/ops',
    OIDC_CLIENT_ID: 'incident-coordination',
    OIDC_CLIENT_SECRET: 'client-secret',
  };

  it('has sessions of 12 hours and single sign-on off unless configured', () => {
    const env = validateEnvironment({});
    expect(env.SESSION_TTL_HOURS).toBe(12);
    expect(env.OIDC_ISSUER_URL).toBeUndefined();
    expect(env.OIDC_CLAIM).toBe('email');
    expect(env.OIDC_MATCH_FIELD).toBe('email');
    expect(env.OIDC_SCOPES).toBe('openid email profile');
  });

  it('takes an identity provider with its client, a claim and what it matches', () => {
    const env = validateEnvironment({
      ...oidc,
      OIDC_REDIRECT_URL: 'https://oncall.example.com/auth/callback',
      OIDC_CLAIM: 'preferred_username',
      OIDC_MATCH_FIELD: 'handle',
      SESSION_TTL_HOURS: '8',
    });
    expect(env).toMatchObject({ ...oidc, OIDC_CLAIM: 'preferred_username', OIDC_MATCH_FIELD: 'handle' });
    expect(env.SESSION_TTL_HOURS).toBe(8);
    expect(validateEnvironment({ ...oidc, OIDC_ISSUER_URL: 'http://127.0.0.1:8080' }).OIDC_ISSUER_URL).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it.each([
    [{ OIDC_ISSUER_URL: 'https://idp.example.com' }, /OIDC_CLIENT_ID is required/],
    [{ ...oidc, OIDC_CLIENT_SECRET: undefined }, /OIDC_CLIENT_SECRET is required/],
    [{ ...oidc, OIDC_ISSUER_URL: 'http://idp.example.com' }, /OIDC_ISSUER_URL must be an https URL/],
    [{ ...oidc, OIDC_MATCH_FIELD: 'name' }, /OIDC_MATCH_FIELD must be one of email, handle/],
    [{ ...oidc, OIDC_SCOPES: 'email profile' }, /OIDC_SCOPES/],
    [{ ...oidc, OIDC_CLAIM: 'a claim' }, /OIDC_CLAIM/],
    [{ SESSION_TTL_HOURS: '0' }, /SESSION_TTL_HOURS must be at least 1/],
    [{ SESSION_TTL_HOURS: '721' }, /SESSION_TTL_HOURS must be at most 720/],
    [{ SESSION_TTL_HOURS: '1.5' }, /SESSION_TTL_HOURS/],
  ])('refuses %j', (raw, message) => {
    expect(() => validateEnvironment(raw)).toThrow(message);
  });
});
