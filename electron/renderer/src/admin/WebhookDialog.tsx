import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENTS } from '../../../../shared/webhooks';
import type { Webhook, WebhookEventType } from '../../../../shared/webhooks';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';

interface Props {
  /** null: a new webhook (URL, events, description); else its events and whether it is active. */
  webhook: Webhook | null;
  onCancel(): void;
  /** With the secret when the server just created one: it is shown once. */
  onSaved(secret?: string): void;
}

/** Creates a webhook or changes one; the server's refusal (an address it will not send to) stays in view. */
export function WebhookDialog({ webhook, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(webhook?.events ?? []);
  const [active, setActive] = useState(webhook?.active ?? true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const toggle = (event: WebhookEventType, on: boolean) =>
    setEvents((chosen) => (on ? [...chosen, event] : chosen.filter((item) => item !== event)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      if (webhook) {
        const body = { events, active, ...(url === webhook.url ? {} : { url }) };
        await api('PATCH /api/webhooks/:id', { params: { id: String(webhook.id) }, body });
        onSaved();
      } else {
        const body = { url, events, ...(description.trim() ? { description } : {}) };
        const created = await api('POST /api/webhooks', { body });
        onSaved(created.secret);
      }
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={webhook ? t('admin.webhooks.editHeading') : t('admin.webhooks.createHeading')}
      onClose={onCancel}
    >
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label className="stack">
          {t('admin.webhooks.url')}
          <input
            type="url"
            required
            value={url}
            placeholder="https://his.hospital.org/queuebell"
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
        {!webhook && (
          <label className="stack">
            {t('admin.webhooks.description')}
            <input value={description} onChange={(event) => setDescription(event.target.value)} />
          </label>
        )}
        <fieldset>
          <legend>{t('admin.webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(change) => toggle(name, change.target.checked)}
              />
              <span className="code">{name}</span>
            </label>
          ))}
        </fieldset>
        {webhook && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(change) => setActive(change.target.checked)} />
            {t('admin.webhooks.activeLabel')}
          </label>
        )}
        <ErrorText error={failure} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('admin.webhooks.cancel')}
          </button>
          <button type="submit" disabled={busy || events.length === 0}>
            {busy ? t('admin.webhooks.saving') : t('admin.webhooks.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
