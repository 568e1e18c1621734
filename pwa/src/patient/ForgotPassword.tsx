import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../shared/api-client';
import { describeError } from './errors';
import { useSubmit } from './forms';

const api = sameOriginApi();

/** Asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPassword({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const emailId = useId();
  const [email, setEmail] = useState('');
  const form = useSubmit();

  const send = async () => {
    await api('POST /api/auth/password-reset', { body: { email } });
  };

  return (
    <form className="card auth" onSubmit={form.submit(send)} aria-labelledby="forgot-heading">
      <h2 id="forgot-heading">{t('account.forgotHeading')}</h2>
      <p className="detail">{t('account.forgotWhy')}</p>
      <div className="field">
        <label htmlFor={emailId}>{t('auth.email')}</label>
        <input
          id={emailId}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <button type="submit" className="primary" disabled={form.state === 'busy'}>
        {t('account.sendLink')}
      </button>
      <p aria-live="polite" className={form.failed ? 'error' : 'notice'}>
        {form.state === 'done' && t('account.linkSent')}
        {form.failed && describeError(form.error)}
      </p>
      <button type="button" className="link" onClick={onBack}>
        {t('account.backToSignIn')}
      </button>
    </form>
  );
}
