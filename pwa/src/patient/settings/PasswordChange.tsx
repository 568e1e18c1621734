import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../../shared/api-client';
import { PasswordField, useSubmit } from '../forms';
import { describeAccountError } from './account-errors';

const api = sameOriginApi();

/** A new password, with the current one: the server ends every other session, this one stays. */
export function PasswordChange({ token, canAct }: { token: string; canAct: boolean }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useSubmit();

  const change = async () => {
    await api('POST /api/me/password', { token, body: { currentPassword: current, newPassword: next } });
    setCurrent('');
    setNext('');
  };

  return (
    <form onSubmit={form.submit(change)} className="password-change">
      <h4>{t('account.changePasswordHeading')}</h4>
      <PasswordField
        label={t('account.currentPassword')}
        kind="current"
        value={current}
        onChange={setCurrent}
      />
      <PasswordField label={t('account.newPassword')} kind="new" value={next} onChange={setNext} />
      <button type="submit" className="primary" disabled={!canAct || form.state === 'busy'}>
        {t('account.changePassword')}
      </button>
      <p aria-live="polite" className={form.failed ? 'error' : 'detail'}>
        {form.state === 'done' && t('account.passwordChanged')}
        {form.failed && describeAccountError(form.error)}
      </p>
    </form>
  );
}
