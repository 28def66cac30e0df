import { useState, type FormEvent } from 'react';
import { useSession } from './session.js';

/** Single sign-on through the identity provider, or an API token for operators without one. */
export function SignInPage({ oidc, message }: { oidc: boolean; message?: string }) {
  const { signInWithToken } = useSession();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    try {
      await signInWithToken(token.trim());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {oidc ? (
        <p>
          <a className="button" href="/auth/login">
            Sign in with your identity provider
          </a>
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} className="card">
        <h2>{oidc ? 'Or with an API token' : 'With an API token'}</h2>
        <label htmlFor="api-token">API token</label>
        <input
          id="api-token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby="api-token-help"
          required
        />
        <p id="api-token-help" className="help">
          An administrator issues tokens (issueApiToken, or npm run token:admin).
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
