import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../../shared/api-client';
import { describeAccountError } from './account-errors';

const api = sameOriginApi();

type State = 'idle' | 'saving' | 'saved' | { error: unknown };

/** A new password, with the current one: the server ends every other session, this one stays. */
export function PasswordChange({ token, canAct }: { token: string; canAct: boolean }) {
  const { t } = useTranslation();
  const currentId = useId();
  const nextId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [state, setState] = useState<State>('idle');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState('saving');
    try {
      await api('POST /api/me/password', { token, body: { currentPassword: current, newPassword: next } });
      setCurrent('');
      setNext('');
      setState('saved');
    } catch (error) {
      setState({ error });
    }
  }

  const failed = typeof state === 'object';
  return (
    <form onSubmit={(event) => void submit(event)} className="password-change">
      <h4>{t('account.changePasswordHeading')}</h4>
      <div className="field">
        <label htmlFor={currentId}>{t('account.currentPassword')}</label>
        <input
          id={currentId}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={nextId}>{t('account.newPassword')}</label>
        <input
          id={nextId}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={200}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <p className="detail">{t('auth.passwordHint')}</p>
      </div>
      <button type="submit" className="primary" disabled={!canAct || state === 'saving'}>
        {t('account.changePassword')}
      </button>
      <p aria-live="polite" className={failed ? 'error' : 'detail'}>
        {state === 'saved' && t('account.passwordChanged')}
        {failed && describeAccountError(state.error)}
      </p>
    </form>
  );
}
