import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from './errors';
import { isDesktop } from './bridge';
import { signIn } from './session';
import type { Session } from './session';

interface Props {
  serverUrl: string;
  onSignedIn(session: Session): void;
  onChangeServer(): void;
}

export function SignInForm({ serverUrl, onSignedIn, onChangeServer }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        await signIn(serverUrl, String(form.get('email') ?? ''), String(form.get('password') ?? '')),
      );
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in to the nurse console</h1>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {isDesktop && (
        <p className="hint">
          Server: {serverUrl}{' '}
          <button type="button" className="link" onClick={onChangeServer}>
            Change
          </button>
        </p>
      )}
    </form>
  );
}
