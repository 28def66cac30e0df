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
