import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../../shared/api-client';
import { ConfirmDialog } from '../ConfirmDialog';
import { PasswordField, useSubmit } from '../forms';
import { describeAccountError } from './account-errors';

const api = sameOriginApi();

interface Props {
  token: string;
  canAct: boolean;
  /** The account is gone: the app forgets it on this device. */
  onDeleted(): void;
}

/** Deleting the account, confirmed twice: the password, then a question. */
export function DeleteAccount({ token, canAct, onDeleted }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = useSubmit();

  function ask(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  function remove() {
    setConfirming(false);
    void form.run(async () => {
      await api('DELETE /api/me', { token, body: { password } });
      onDeleted();
    });
  }

  return (
    <form onSubmit={ask} className="delete-account">
      <h4>{t('account.deleteHeading')}</h4>
      <p className="detail">{t('account.deleteWhy')}</p>
      <PasswordField
        label={t('account.deletePassword')}
        kind="current"
        value={password}
        onChange={setPassword}
      />
      <button type="submit" className="danger" disabled={!canAct || form.state === 'busy'}>
        {t('account.deleteButton')}
      </button>
      <p aria-live="polite" className={form.failed ? 'error' : 'detail'}>
        {form.failed && describeAccountError(form.error)}
      </p>
      <ConfirmDialog
        open={confirming}
        title={t('account.deleteConfirmTitle')}
        body={t('account.deleteConfirmBody')}
        confirmLabel={t('account.deleteConfirm')}
        cancelLabel={t('account.keepAccount')}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
