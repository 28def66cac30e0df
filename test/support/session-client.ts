import request, { type Response } from 'supertest';
import type { TestApp } from './test-app.js';

/** The Set-Cookie header a response gave for `name` (the whole header, flags included). */
export function setCookieFor(response: Response, name: string): string | undefined {
  const headers = response.headers['set-cookie'] as unknown as string[] | undefined;
  return headers?.find((header) => header.startsWith(`${name}=`));
}

/** `name=value` of a Set-Cookie header, as a browser sends it back. */
export function cookiePair(setCookie: string | undefined): string {
  if (!setCookie) throw new Error('No cookie was set');
  return setCookie.split(';')[0];
}

export interface SessionClient {
  cookie: string;
  csrfToken: string;
  /** A GraphQL POST with the session cookie and, unless told otherwise, its CSRF header. */
  gql(query: string, options?: { csrf?: string | false; variables?: Record<string, unknown> }): Promise<Response>;
  session(): Promise<Response>;
  logout(csrf?: string | false): Promise<Response>;
}

export async function sessionClient(app: TestApp, cookie: string): Promise<SessionClient> {
  const answer = await request(app.server).get('/auth/session').set('cookie', cookie);
  if (!answer.body.signedIn) throw new Error(`Not signed in: ${JSON.stringify(answer.body)}`);
  const csrfToken = answer.body.csrfToken as string;
  const withCsrf = (csrf: string | false | undefined) => (csrf === false ? {} : { 'x-csrf-token': csrf ?? csrfToken });
  return {
    cookie,
    csrfToken,
    gql: (query, { csrf, variables } = {}) =>
      request(app.server)
        .post('/graphql')
        .set({ cookie, ...withCsrf(csrf) })
        .send({ query, variables }),
    session: () => request(app.server).get('/auth/session').set('cookie', cookie),
    logout: (csrf) =>
      request(app.server)
        .post('/auth/logout')
        .set({ cookie, ...withCsrf(csrf) }),
  };
}
