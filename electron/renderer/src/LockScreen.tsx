import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from './errors';
import { unlock } from './lock';
import type { LockedSession } from './lock';
import type { Session } from './session';

/** The screen's English, kept together so the console's translation can move it into its catalogue. */
const STRINGS = {
  heading: 'The console is locked',
  why: 'It was not used for a while. Enter the password to go on.',
  account: 'Signed in as',
  password: 'Password',
  unlock: 'Unlock',
  unlocking: 'Unlocking…',
  signOut: 'Sign out',
  otherPerson: 'Not you? Sign out, and sign in with your own account.',
} as const;

interface Props {
  locked: LockedSession;
  onUnlocked(session: Session): void;
  onSignOut(): void;
}

/** Shown instead of the console (nothing of it stays behind): the same account's password unlocks it. */
export function LockScreen({ locked, onUnlocked, onSignOut }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await unlock(locked, password));
    } catch (caught) {
      // A wrong password (or the server out of reach) keeps the console locked.
      setError(errorMessage(caught));
      setBusy(false);
      form.reset();
    }
  }

  return (
    <form className="card" onSubmit={(event) => void handleSubmit(event)} aria-labelledby="lock-heading">
      <h1 id="lock-heading">{STRINGS.heading}</h1>
      <p>{STRINGS.why}</p>
      <p className="hint">
        {STRINGS.account} {locked.name} ({locked.email})
      </p>
      <label htmlFor="unlock-password">{STRINGS.password}</label>
      <input
        id="unlock-password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? STRINGS.unlocking : STRINGS.unlock}
      </button>
      <p className="hint">
        {STRINGS.otherPerson}{' '}
        <button type="button" className="link" onClick={onSignOut}>
          {STRINGS.signOut}
        </button>
      </p>
    </form>
  );
}
