import {
  cookieNamed,
  csrfTokenFor,
  csrfTokenMatches,
  hashSessionSecret,
  newSessionCredentials,
  secretMatches,
  sessionCookieValue,
  sessionCredentialsFrom,
} from './session-cookie.js';

describe('session cookie', () => {
  const credentials = newSessionCredentials();
  const value = sessionCookieValue(credentials);

  it('carries the session id and a 256-bit secret, found among other cookies', () => {
    expect(value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(sessionCredentialsFrom(`theme=dark; ic_session=${value}; lang=en`)).toEqual(credentials);
    expect(sessionCredentialsFrom([`a=1`, `ic_session=${value}`])).toEqual(credentials);
    expect(newSessionCredentials().secret).not.toBe(credentials.secret);
  });

  it.each([
    ['no cookie', undefined],
    ['another cookie', 'ic_session_x=1'],
    ['no secret', `ic_session=${credentials.sessionId}`],
    ['a short secret', `ic_session=${credentials.sessionId}.abc`],
    ['not a uuid', `ic_session=session.${credentials.secret}`],
  ])('reads no credentials from %s', (_what, header) => {
    expect(sessionCredentialsFrom(header)).toBeNull();
  });

  it('keeps only a hash of the secret, compared in constant time', () => {
    const hash = hashSessionSecret(credentials.secret);
    expect(hash).not.toContain(credentials.secret);
    expect(secretMatches(hash, credentials.secret)).toBe(true);
    expect(secretMatches(hash, newSessionCredentials().secret)).toBe(false);
  });

  it('derives a CSRF token from the secret that another session’s does not match', () => {
    const token = csrfTokenFor(credentials.secret);
    expect(token).not.toContain(credentials.secret);
    expect(csrfTokenMatches(credentials.secret, token)).toBe(true);
    expect(csrfTokenMatches(credentials.secret, csrfTokenFor(newSessionCredentials().secret))).toBe(false);
    expect(csrfTokenMatches(credentials.secret, undefined)).toBe(false);
    expect(csrfTokenMatches(credentials.secret, '')).toBe(false);
  });

  it('reads one cookie by name, unquoting it', () => {
    expect(cookieNamed('a=1; b="two"', 'b')).toBe('two');
    expect(cookieNamed('a=1', 'b')).toBeUndefined();
    expect(cookieNamed('x'.repeat(20_000), 'x')).toBeUndefined();
  });
});
