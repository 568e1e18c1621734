import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../shared/api-client';
import { PasswordField, useSubmit } from './forms';
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

/**
 * `/reset?token=…`, opened from the emailed link, often on the phone that got the email: a new password,
 * then back to sign-in (every session of the account ended with the reset, this device's too).
 */
export function ResetPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const form = useSubmit();

  const reset = async () => {
    await api('POST /api/auth/password-reset/confirm', { body: { token, password } });
    forgetSession();
  };

  return (
    <>
      <header className="app-header">
        <h1>{t('app.name')}</h1>
      </header>
      <main id="main" tabIndex={-1}>
        <form className="card auth" onSubmit={form.submit(reset)} aria-labelledby="reset-heading">
          <h2 id="reset-heading">{t('account.resetHeading')}</h2>
          {token === '' ? (
            <p className="error">{t('account.missingToken')}</p>
          ) : form.state === 'done' ? (
            <p role="status" className="notice">
              {t('account.resetDone')}
            </p>
          ) : (
            <>
              <PasswordField
                label={t('account.newPassword')}
                kind="new"
                value={password}
                onChange={setPassword}
              />
              <button type="submit" className="primary" disabled={form.state === 'busy'}>
                {t('account.resetButton')}
              </button>
              <p aria-live="polite" className="error">
                {form.failed && describeAccountError(form.error)}
              </p>
            </>
          )}
          <a href="/">{t('account.backToSignIn')}</a>
        </form>
      </main>
    </>
  );
}
