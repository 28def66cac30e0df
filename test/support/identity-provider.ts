import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcOptions } from '@app/identity';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
}

export const TEST_CLIENT = {
  clientId: 'incident-coordination',
  clientSecret: 'test-client-secret-test-client-secret',
  redirectUrl: 'http://127.0.0.1/auth/callback',
};

/**
 * A real OpenID provider (oidc-provider) on loopback, port 0, with one confidential client that
 * must use PKCE, and the accounts given (login name → claims). Its development interactions take
 * any password: `signIn` drives them as a browser would.
 */
export class TestIdentityProvider {
  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(
    accounts: Record<string, TestAccount>,
    redirectUrl = TEST_CLIENT.redirectUrl,
  ): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = quietly(
      () =>
        new Provider(issuer, {
          clients: [
            {
              client_id: TEST_CLIENT.clientId,
              client_secret: TEST_CLIENT.clientSecret,
              redirect_uris: [redirectUrl],
              grant_types: ['authorization_code'],
              response_types: ['code'],
            },
          ],
          claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
          findAccount: (_ctx, id) =>
            accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined,
          cookies: { keys: ['test-identity-provider-cookie-key'] },
          pkce: { required: () => true },
          ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
        }),
    );
    server.on('request', provider.callback());
    return new TestIdentityProvider(server, issuer);
  }

  /** The service's single sign-on settings for this provider. */
  oidcOptions(overrides: Partial<OidcOptions> = {}): OidcOptions {
    return {
      issuerUrl: this.issuer,
      clientId: TEST_CLIENT.clientId,
      clientSecret: TEST_CLIENT.clientSecret,
      redirectUrl: TEST_CLIENT.redirectUrl,
      claim: 'email',
      matchField: 'email',
      scopes: 'openid email profile',
      ...overrides,
    };
  }

  /**
   * A browser at the provider: opens the authorization URL, posts the login form as `login`, then
   * the consent form, following the provider's redirects; answers where it sends the browser back.
   */
  async signIn(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    let form: string | undefined;
    for (let step = 0; step < 12; step++) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      form = undefined;
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, url);
        if (next.origin !== this.issuer) return next;
        url = next;
        continue;
      }
      const html = await response.text();
      if (response.status !== 200) throw new Error(`The provider answered ${response.status}: ${html.slice(0, 300)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`No login or consent form at ${url.href}`);
      url = new URL(action.replace(/&amp;/g, '&'), url);
      form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }).toString();
    }
    throw new Error('The provider did not send the browser back');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** oidc-provider warns (console.warn) that its development keys and interactions are for development: as they are here. */
function quietly<T>(make: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return make();
  } finally {
    console.warn = warn;
  }
}
