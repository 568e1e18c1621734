import { useTranslation } from 'react-i18next';
import { Dialog } from '../Dialog';

/** A new webhook's signing secret, shown once: it is never answered again. Selected on focus, to copy. */
export function WebhookSecret({ secret, onClose }: { secret: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('admin.webhooks.secretHeading')} onClose={onClose}>
      <p>{t('admin.webhooks.secretOnce')}</p>
      <label className="stack">
        {t('admin.webhooks.secretLabel')}
        <input
          readOnly
          value={secret}
          className="one-time-password"
          autoFocus
          onFocus={(event) => event.target.select()}
        />
      </label>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          {t('admin.webhooks.done')}
        </button>
      </div>
    </Dialog>
  );
}
