import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../shared/api-client';
import { describeError } from './errors';

const api = sameOriginApi();

type State = 'idle' | 'sending' | 'sent' | { error: unknown };

/** Asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPassword({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const emailId = useId();
  const [email, setEmail] = useState('');
  const [state, setState] = useState<State>('idle');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState('sending');
    try {
      await api('POST /api/auth/password-reset', { body: { email } });
      setState('sent');
    } catch (error) {
      setState({ error });
    }
  }

  const failed = typeof state === 'object';
  return (
    <form className="card auth" onSubmit={(event) => void submit(event)} aria-labelledby="forgot-heading">
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
      <button type="submit" className="primary" disabled={state === 'sending'}>
        {t('account.sendLink')}
      </button>
      <p aria-live="polite" className={failed ? 'error' : 'notice'}>
        {state === 'sent' && t('account.linkSent')}
        {failed && describeError(state.error)}
      </p>
      <button type="button" className="link" onClick={onBack}>
        {t('account.backToSignIn')}
      </button>
    </form>
  );
}
