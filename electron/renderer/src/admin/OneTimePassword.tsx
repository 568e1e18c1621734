import { useTranslation } from 'react-i18next';
import { Dialog } from '../Dialog';

/**
 * A generated password, shown once: the server keeps only its hash, so closing this dialog is the
 * last time anyone can read it. Read-only and selected on focus, ready to copy.
 */
export function OneTimePassword({
  name,
  password,
  onClose,
}: {
  name: string;
  password: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('admin.staff.passwordHeading', { name })} onClose={onClose}>
      <p>{t('admin.staff.passwordOnce', { name })}</p>
      <label className="stack">
        {t('admin.staff.passwordLabel')}
        <input
          readOnly
          value={password}
          className="one-time-password"
          autoFocus
          onFocus={(event) => event.target.select()}
        />
      </label>
      <p className="hint">{t('admin.staff.copyHint')}</p>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          {t('admin.staff.done')}
        </button>
      </div>
    </Dialog>
  );
}
