import { redactCalendarFeedToken } from './feed-request-log.js';

describe('calendar feed request log', () => {
  it('logs a feed request without its token', () => {
    const token = 'Abc_def-0123456789012345678901234567890123';
    expect(redactCalendarFeedToken({ url: `/calendar/${token}.ics?x=1`, params: { file: `${token}.ics` } })).toEqual({
      url: '/calendar/[REDACTED]?x=1',
      params: {},
    });
  });

  it('leaves other requests alone', () => {
    const req = { url: '/graphql', params: { a: 'b' } };
    expect(redactCalendarFeedToken(req)).toBe(req);
    expect(redactCalendarFeedToken({})).toEqual({});
  });
});
