import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from './errors';
import { isDesktop } from './bridge';
import { signIn } from './session';
import type { Session } from './session';

interface Props {
  serverUrl: string;
  onSignedIn(session: Session): void;
  onChangeServer(): void;
}

export function SignInForm({ serverUrl, onSignedIn, onChangeServer }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
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
      setError(caught);
      setBusy(false);
    }
  }

  // Here a 401 can only mean the email or password, never an ended session.
  const refused = error instanceof ApiError && error.status === 401;
  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t('signIn.heading')}</h1>
      <label htmlFor="email">{t('signIn.email')}</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">{t('signIn.password')}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {error !== null && (
        <p role="alert" className="error">
          {refused ? t('errors.wrongCredentials') : errorMessage(error)}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('signIn.working') : t('signIn.submit')}
      </button>
      {isDesktop && (
        <p className="hint">
          {t('signIn.server', { url: serverUrl })}{' '}
          <button type="button" className="link" onClick={onChangeServer}>
            {t('signIn.changeServer')}
          </button>
        </p>
      )}
    </form>
  );
}
