import type { CombinedError } from 'urql';

const CODE_WORDS: Record<string, string> = {
  UNAUTHENTICATED: 'You are not signed in (or your session ended). Sign in again.',
  FORBIDDEN: 'You may not do this.',
  NOT_FOUND: 'It does not exist, or you may not see it.',
  CONFLICT: 'Someone changed it at the same time, or it is no longer possible.',
};

/** The words of an urql error: each GraphQL error's message with the field it is about, or the network failure. */
export function errorWords(error: CombinedError): string[] {
  if (error.networkError) return [`The server could not be reached: ${error.networkError.message}`];
  return error.graphQLErrors.map((e) => {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : undefined;
    const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
    const lead = code && CODE_WORDS[code] && code !== 'BAD_USER_INPUT' ? `${CODE_WORDS[code]} ` : '';
    return `${lead}${e.message}${field ? ` (field: ${field})` : ''}`;
  });
}

/** An error in words, announced to screen readers. */
export function ErrorText({ error, what }: { error?: CombinedError; what?: string }) {
  if (!error) return null;
  return (
    <div role="alert" className="pg-error">
      {what ? <p>{what} failed:</p> : null}
      <ul>
        {errorWords(error).map((words, i) => (
          <li key={i}>{words}</li>
        ))}
      </ul>
    </div>
  );
}
