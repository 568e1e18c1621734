import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '../../../../shared/api-keys';
import { Dialog } from '../Dialog';

/**
 * A key's secret, shown once: the server keeps only its hash, so closing this dialog is the last time
 * anyone can read it. Read-only, selected on focus, with a button that copies it.
 */
export function ApiKeySecret({ created, onClose }: { created: CreatedApiKey; onClose(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const name = created.apiKey.name;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Dialog title={t('admin.apiKeys.secretHeading', { name })} onClose={onClose}>
      <p>{t('admin.apiKeys.secretOnce', { name })}</p>
      <label className="stack">
        {t('admin.apiKeys.secretLabel')}
        <input
          readOnly
          value={created.secret}
          className="one-time-password"
          autoFocus
          onFocus={(event) => event.target.select()}
        />
      </label>
      <p className="hint" aria-live="polite">
        {copied === 'yes' && t('admin.apiKeys.copied')}
        {copied === 'failed' && t('admin.apiKeys.copyFailed')}
      </p>
      <div className="buttons">
        <button type="button" onClick={() => void copy()}>
          {t('admin.apiKeys.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {t('admin.staff.done')}
        </button>
      </div>
    </Dialog>
  );
}
