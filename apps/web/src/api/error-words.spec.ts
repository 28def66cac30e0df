import { errorsInWords, humanField, sentenceFor } from './error-words.js';

describe('errors in words', () => {
  it('says what each code means, with what the server said', () => {
    const words = errorsInWords({
      graphQLErrors: [
        { message: 'Only the DRI or a manager may reassign', extensions: { code: 'FORBIDDEN' } },
        { message: 'Escalation not found', extensions: { code: 'NOT_FOUND' } },
      ],
    });
    expect(words).toEqual([
      {
        code: 'FORBIDDEN',
        sentence: 'Your role does not allow this.',
        detail: 'Only the DRI or a manager may reassign',
        field: undefined,
      },
      {
        code: 'NOT_FOUND',
        sentence: 'This does not exist, or you may not see it.',
        detail: 'Escalation not found',
        field: undefined,
      },
    ]);
  });

  it('names the field a BAD_USER_INPUT refuses', () => {
    const [word] = errorsInWords({
      graphQLErrors: [
        { message: 'must be at most 2000 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.text' } },
      ],
    });
    expect(word).toMatchObject({
      code: 'BAD_USER_INPUT',
      sentence: 'Check “text”: it was not accepted.',
      field: 'input.text',
    });
    expect(humanField('input.responderId')).toBe('responder id');
    expect(humanField('driWindows.0.end')).toBe('end');
  });

  it('tells a network failure from a server refusal, and words unknown codes', () => {
    expect(errorsInWords({ networkError: new Error('Failed to fetch') })).toEqual([
      { code: 'NETWORK', sentence: 'The server cannot be reached. Check your connection and try again.' },
    ]);
    expect(sentenceFor('SOMETHING_NEW')).toBe('The server could not do this (something new).');
    const same = { message: 'Too many requests', extensions: { code: 'TOO_MANY_REQUESTS' } };
    expect(errorsInWords({ graphQLErrors: [same, same] })).toHaveLength(1);
  });
});
