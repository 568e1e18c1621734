import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormEvent } from 'react';
import { errorMessage } from './errors';
import { unlock } from './lock';
import type { LockedSession } from './lock';
import type { Session } from './session';

interface Props {
  locked: LockedSession;
  onUnlocked(session: Session): void;
  onSignOut(): void;
}

/** Shown instead of the console (nothing of it stays behind): the same account's password unlocks it. */
export function LockScreen({ locked, onUnlocked, onSignOut }: Props) {
  const { t } = useTranslation();
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
      <h1 id="lock-heading">{t('lock.heading')}</h1>
      <p>{t('lock.why')}</p>
      <p className="hint">
        {t('lock.account')} {locked.name} ({locked.email})
      </p>
      <label htmlFor="unlock-password">{t('lock.password')}</label>
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
        {busy ? t('lock.unlocking') : t('lock.unlock')}
      </button>
      <p className="hint">
        {t('lock.otherPerson')}{' '}
        <button type="button" className="link" onClick={onSignOut}>
          {t('lock.signOut')}
        </button>
      </p>
    </form>
  );
}
