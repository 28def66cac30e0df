/**
 * GraphQL errors in words: every error the API sends carries `extensions.code`
 * (libs/core/src/errors/app-error.ts); the sentence says what it means for the person using the
 * page, and the server's own message says what exactly was refused.
 */
export interface ApiErrorLike {
  message?: string;
  graphQLErrors?: { message: string; extensions?: Record<string, unknown> }[];
  networkError?: unknown;
  response?: { status?: number };
}

const SENTENCES: Record<string, string> = {
  UNAUTHENTICATED: 'You are not signed in, or your session has ended. Sign in again.',
  FORBIDDEN: 'Your role does not allow this.',
  NOT_FOUND: 'This does not exist, or you may not see it.',
  CONFLICT: 'This cannot be done in its current state (someone may have changed it). Reload and try again.',
  BAD_USER_INPUT: 'Some of what you entered was not accepted.',
  TOO_MANY_REQUESTS: 'Too many requests in a short time. Wait a minute and try again.',
  REQUEST_TIMEOUT: 'The server took too long to answer. Try again.',
  PAYLOAD_TOO_LARGE: 'What you sent is too large.',
  BAD_REQUEST: 'The request was not understood.',
  GRAPHQL_VALIDATION_FAILED:
    'This page asked the server for something it does not offer (the page may be out of date: reload).',
};

export interface ErrorInWords {
  code: string;
  sentence: string;
  /** What the server said, when it adds something to the sentence */
  detail?: string;
  /** The input field a BAD_USER_INPUT names */
  field?: string;
}

export function sentenceFor(code: string): string {
  return SENTENCES[code] ?? `The server could not do this (${code.toLowerCase().replace(/_/g, ' ')}).`;
}

export function errorsInWords(error: ApiErrorLike): ErrorInWords[] {
  const graphQLErrors = error.graphQLErrors ?? [];
  if (graphQLErrors.length === 0) {
    if (error.networkError)
      return [{ code: 'NETWORK', sentence: 'The server cannot be reached. Check your connection and try again.' }];
    return [{ code: 'UNKNOWN', sentence: 'Something went wrong.', detail: error.message }];
  }
  const seen = new Set<string>();
  const words: ErrorInWords[] = [];
  for (const graphQLError of graphQLErrors) {
    const code =
      typeof graphQLError.extensions?.code === 'string' ? graphQLError.extensions.code : 'INTERNAL_SERVER_ERROR';
    const field = typeof graphQLError.extensions?.field === 'string' ? graphQLError.extensions.field : undefined;
    const key = `${code}|${field}|${graphQLError.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sentence =
      code === 'BAD_USER_INPUT' && field ? `Check “${humanField(field)}”: it was not accepted.` : sentenceFor(code);
    words.push({ code, sentence, detail: graphQLError.message || undefined, field });
  }
  return words;
}

/** `input.responderId` → "responder id" */
export function humanField(field: string): string {
  const last = field.split('.').pop() ?? field;
  return last
    .replace(/Id$/, ' id')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}
