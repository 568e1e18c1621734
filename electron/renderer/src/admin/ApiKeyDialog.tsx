import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_KEY_SCOPES } from '../../../../shared/api-keys';
import type { ApiKeyScope, CreatedApiKey } from '../../../../shared/api-keys';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';

/** A new key: a name saying which system holds it, and the scopes it may use (read by default). */
export function ApiKeyDialog({
  onCancel,
  onCreated,
}: {
  onCancel(): void;
  onCreated(created: CreatedApiKey): void;
}) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((previous) =>
      on
        ? API_KEY_SCOPES.filter((s) => s === scope || previous.includes(s))
        : previous.filter((s) => s !== scope),
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onCreated(await api('POST /api/api-keys', { body: { name, scopes } }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('admin.apiKeys.createHeading')} onClose={onCancel}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label className="stack">
          {t('admin.apiKeys.name')}
          <input required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <fieldset className="stack">
          <legend>{t('admin.apiKeys.scopesLegend')}</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
              />{' '}
              {t(`admin.apiKeys.scopes.${scope}`)}: {t(`admin.apiKeys.scopeHints.${scope}`)}
            </label>
          ))}
        </fieldset>
        <ErrorText error={failure} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={busy || scopes.length === 0}>
            {busy ? t('admin.apiKeys.creating') : t('admin.apiKeys.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
