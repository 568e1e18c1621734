import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey, CreatedApiKey } from '../../../../shared/api-keys';
import { errorMessage } from '../errors';
import { useConsole, useResource } from '../hooks';
import { ApiKeyDialog } from './ApiKeyDialog';
import { ApiKeySecret } from './ApiKeySecret';
import { ApiKeysTable } from './ApiKeysTable';
import { RevokeApiKeyDialog } from './RevokeApiKeyDialog';

/** The API keys of hospital systems: list, create (the secret shown once), revoke after a confirmation. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const keys = useResource('api-keys', () => api('GET /api/api-keys'));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const done = (made?: CreatedApiKey) => {
    setCreating(false);
    setRevoking(null);
    if (made) setCreated(made);
    keys.reload();
  };

  return (
    <section className="admin-api-keys" aria-labelledby="admin-api-keys-heading">
      <div className="section-head">
        <h3 id="admin-api-keys-heading">{t('admin.apiKeys.heading')}</h3>
        <button type="button" onClick={() => setCreating(true)}>
          {t('admin.apiKeys.create')}
        </button>
      </div>
      <p className="hint">{t('admin.apiKeys.intro')}</p>
      {keys.error !== null && <p className="error">{errorMessage(keys.error)}</p>}
      {!keys.data && keys.error === null && <p aria-live="polite">{t('admin.loading')}</p>}
      {keys.data && <ApiKeysTable keys={keys.data} onRevoke={setRevoking} />}
      {creating && <ApiKeyDialog onCancel={() => setCreating(false)} onCreated={done} />}
      {revoking && <RevokeApiKeyDialog apiKey={revoking} onCancel={() => setRevoking(null)} onDone={done} />}
      {created && <ApiKeySecret created={created} onClose={() => setCreated(null)} />}
    </section>
  );
}
