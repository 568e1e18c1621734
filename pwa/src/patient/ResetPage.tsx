import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../shared/api-client';
import { forgetSession } from './session';
import { describeAccountError } from './settings/account-errors';

const api = sameOriginApi();

/** The reset link's token, read once; the address is tidied so that it does not stay in the history. */
export function takeResetToken(): string | null {
  const url = new URL(window.location.href);
  if (url.pathname !== '/reset') return null;
  const token = url.searchParams.get('token') ?? '';
  window.history.replaceState(null, '', '/reset');
  return token;
}

type State = 'idle' | 'saving' | 'done' | { error: unknown };

/**
 * `/reset?token=…`, opened from the emailed link, often on the phone that got the email: a new password,
 * then back to sign-in (every session of the account ended with the reset, this device's too).
 */
export function ResetPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [state, setState] = useState<State>('idle');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState('saving');
    try {
      await api('POST /api/auth/password-reset/confirm', { body: { token, password } });
      forgetSession();
      setState('done');
    } catch (error) {
      setState({ error });
    }
  }

  const failed = typeof state === 'object';
  return (
    <>
      <header className="app-header">
        <h1>{t('app.name')}</h1>
      </header>
      <main id="main" tabIndex={-1}>
        <form className="card auth" onSubmit={(event) => void submit(event)} aria-labelledby="reset-heading">
          <h2 id="reset-heading">{t('account.resetHeading')}</h2>
          {token === '' ? (
            <p className="error">{t('account.missingToken')}</p>
          ) : state === 'done' ? (
            <p role="status" className="notice">
              {t('account.resetDone')}
            </p>
          ) : (
            <>
              <div className="field">
                <label htmlFor={passwordId}>{t('account.newPassword')}</label>
                <input
                  id={passwordId}
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={8}
                  maxLength={200}
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
                <p className="detail">{t('auth.passwordHint')}</p>
              </div>
              <button type="submit" className="primary" disabled={state === 'saving'}>
                {t('account.resetButton')}
              </button>
              <p aria-live="polite" className="error">
                {failed && describeAccountError(state.error)}
              </p>
            </>
          )}
          <a href="/">{t('account.backToSignIn')}</a>
        </form>
      </main>
    </>
  );
}
