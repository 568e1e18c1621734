import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api-client';
import { describeError } from './errors';
import { authenticate, StaffAccountError } from './session';
import type { PatientSession } from './session';

interface Props {
  onAuthenticated(session: PatientSession): void;
}

function authErrorKey(error: unknown): 'errors.staffAccount' | 'errors.wrongCredentials' | null {
  if (error instanceof StaffAccountError) return 'errors.staffAccount';
  // On these two routes a 401 means the email or password is wrong, not an expired session.
  if (error instanceof ApiError && error.status === 401) return 'errors.wrongCredentials';
  return null;
}

export function AuthForm({ onAuthenticated }: Props) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'sign-in' | 'register'>('sign-in');
  const [error, setError] = useState<unknown>(null);
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
      const details = registering
        ? { ...credentials, name: field('name'), locale: i18n.language }
        : credentials;
      onAuthenticated(await authenticate(mode, details));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const key = authErrorKey(error);
  const message = error === null ? null : key ? t(key) : describeError(error);

  return (
    <form className="card auth" onSubmit={handleSubmit} aria-labelledby="auth-heading">
      <h2 id="auth-heading">{registering ? t('auth.registerTitle') : t('auth.signInTitle')}</h2>
      {registering && (
        <div className="field">
          <label htmlFor="name">{t('auth.name')}</label>
          <input id="name" name="name" autoComplete="name" required maxLength={120} />
        </div>
      )}
      <div className="field">
        <label htmlFor="email">{t('auth.email')}</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </div>
      <div className="field">
        <label htmlFor="password">{t('auth.password')}</label>
        {registering && (
          <p id="password-hint" className="detail">
            {t('auth.passwordHint')}
          </p>
        )}
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={registering ? 'new-password' : 'current-password'}
          minLength={registering ? 8 : undefined}
          maxLength={200}
          aria-describedby={registering ? 'password-hint' : undefined}
          required
        />
      </div>
      {message && (
        <p role="alert" className="error" data-testid="auth-error">
          {message}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('auth.working') : registering ? t('auth.register') : t('auth.signIn')}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(registering ? 'sign-in' : 'register');
          setError(null);
        }}
      >
        {registering ? t('auth.toSignIn') : t('auth.toRegister')}
      </button>
    </form>
  );
}
