import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from '../api';
import { authenticate } from './session';
import type { PatientSession } from './session';

interface Props {
  onAuthenticated(session: PatientSession): void;
}

export function AuthForm({ onAuthenticated }: Props) {
  const [mode, setMode] = useState<'sign-in' | 'register'>('sign-in');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const registering = mode === 'register';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(null);
    try {
      const credentials = { email: field('email'), password: field('password') };
      onAuthenticated(
        await authenticate(mode, registering ? { ...credentials, name: field('name') } : credentials),
      );
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby="auth-heading">
      <h2 id="auth-heading">{registering ? 'Create an account' : 'Sign in'}</h2>
      {registering && (
        <>
          <label htmlFor="name">Name</label>
          <input id="name" name="name" autoComplete="name" required maxLength={120} />
        </>
      )}
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" required />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete={registering ? 'new-password' : 'current-password'}
        minLength={registering ? 8 : undefined}
        required
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {registering ? 'Create account' : 'Sign in'}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(registering ? 'sign-in' : 'register');
          setError(null);
        }}
      >
        {registering ? 'I already have an account' : 'New here? Create an account'}
      </button>
    </form>
  );
}
