import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '../../../../shared/api-keys';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';

interface Props {
  apiKey: ApiKey;
  onCancel(): void;
  onDone(): void;
}

/** Asks before revoking: the system that holds the key is refused from its next request on. */
export function RevokeApiKeyDialog({ apiKey, onCancel, onDone }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const revoke = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api('DELETE /api/api-keys/:id', { params: { id: String(apiKey.id) } });
      onDone();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('admin.apiKeys.revokeHeading', { name: apiKey.name })} onClose={onCancel}>
      <p>{t('admin.apiKeys.revokeWhy')}</p>
      <ErrorText error={failure} />
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" disabled={busy} onClick={() => void revoke()}>
          {busy ? t('admin.apiKeys.revoking') : t('admin.apiKeys.revokeSubmit')}
        </button>
      </div>
    </Dialog>
  );
}
