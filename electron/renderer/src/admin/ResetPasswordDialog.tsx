import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';

interface Props {
  member: Staff;
  onCancel(): void;
  onDone(password: string, name: string): void;
}

/** Asks before resetting: the server ends every session of that person at once. */
export function ResetPasswordDialog({ member, onCancel, onDone }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const reset = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const { password } = await api('POST /api/staff/:id/reset-password', {
        params: { id: String(member.id) },
      });
      onDone(password, member.name);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('admin.staff.resetHeading', { name: member.name })} onClose={onCancel}>
      <p>{t('admin.staff.resetWhy')}</p>
      <ErrorText error={failure} />
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" disabled={busy} onClick={() => void reset()}>
          {busy ? t('admin.staff.saving') : t('admin.staff.resetSubmit')}
        </button>
      </div>
    </Dialog>
  );
}
