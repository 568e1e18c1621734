import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sameOriginApi } from '../../../../shared/api-client';
import { ConfirmDialog } from '../ConfirmDialog';
import { describeAccountError } from './account-errors';

const api = sameOriginApi();

interface Props {
  token: string;
  canAct: boolean;
  /** The account is gone: the app forgets it on this device. */
  onDeleted(): void;
}

type State = 'idle' | 'confirming' | 'deleting' | { error: unknown };

/** Deleting the account, confirmed twice: the password, then a question. */
export function DeleteAccount({ token, canAct, onDeleted }: Props) {
  const { t } = useTranslation();
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [state, setState] = useState<State>('idle');

  function ask(event: FormEvent) {
    event.preventDefault();
    setState('confirming');
  }

  async function remove() {
    setState('deleting');
    try {
      await api('DELETE /api/me', { token, body: { password } });
      onDeleted();
    } catch (error) {
      setState({ error });
    }
  }

  const failed = typeof state === 'object';
  return (
    <form onSubmit={ask} className="delete-account">
      <h4>{t('account.deleteHeading')}</h4>
      <p className="detail">{t('account.deleteWhy')}</p>
      <div className="field">
        <label htmlFor={passwordId}>{t('account.deletePassword')}</label>
        <input
          id={passwordId}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" className="danger" disabled={!canAct || state === 'deleting'}>
        {t('account.deleteButton')}
      </button>
      <p aria-live="polite" className={failed ? 'error' : 'detail'}>
        {failed && describeAccountError(state.error)}
      </p>
      <ConfirmDialog
        open={state === 'confirming'}
        title={t('account.deleteConfirmTitle')}
        body={t('account.deleteConfirmBody')}
        confirmLabel={t('account.deleteConfirm')}
        cancelLabel={t('account.keepAccount')}
        onConfirm={() => void remove()}
        onCancel={() => setState('idle')}
      />
    </form>
  );
}
