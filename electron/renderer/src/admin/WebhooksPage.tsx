import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '../../../../shared/webhooks';
import { ErrorText } from '../Dialog';
import { errorMessage } from '../errors';
import { useConsole, useResource } from '../hooks';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookDialog } from './WebhookDialog';
import { WebhookSecret } from './WebhookSecret';

/** Webhooks to hospital systems: list, create (secret shown once), edit, delete, send a test, deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const webhooks = useResource('webhooks', () => api('GET /api/webhooks'));
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [watching, setWatching] = useState<Webhook | null>(null);
  const [version, setVersion] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);

  const act = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    }
    webhooks.reload();
    setVersion((value) => value + 1);
  };
  const sendTest = (webhook: Webhook) => {
    setWatching(webhook);
    void act(() => api('POST /api/webhooks/:id/test', { params: { id: String(webhook.id) } }));
  };
  const remove = (webhook: Webhook) => {
    if (!window.confirm(t('admin.webhooks.confirmDelete', { url: webhook.url }))) return;
    if (watching?.id === webhook.id) setWatching(null);
    void act(() => api('DELETE /api/webhooks/:id', { params: { id: String(webhook.id) } }));
  };
  const saved = (created?: string) => {
    setEditing(null);
    if (created) setSecret(created);
    webhooks.reload();
  };

  return (
    <section className="admin-webhooks" aria-labelledby="admin-webhooks-heading">
      <div className="section-head">
        <h3 id="admin-webhooks-heading">{t('admin.webhooks.heading')}</h3>
        <button type="button" onClick={() => setEditing('new')}>
          {t('admin.webhooks.create')}
        </button>
      </div>
      <p className="hint">{t('admin.webhooks.intro')}</p>
      <ErrorText error={failure} />
      {webhooks.error !== null && <p className="error">{errorMessage(webhooks.error)}</p>}
      {!webhooks.data && webhooks.error === null && <p aria-live="polite">{t('admin.loading')}</p>}
      {webhooks.data?.length === 0 && <p>{t('admin.webhooks.empty')}</p>}
      {webhooks.data && webhooks.data.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">{t('admin.webhooks.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.webhooks.columns.url')}</th>
              <th scope="col">{t('admin.webhooks.columns.events')}</th>
              <th scope="col">{t('admin.webhooks.columns.active')}</th>
              <th scope="col">{t('admin.webhooks.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.data.map((webhook) => (
              <tr key={webhook.id} data-webhook={webhook.id}>
                <td className="code">{webhook.url}</td>
                <td className="code">{webhook.events.join(', ')}</td>
                <td>{webhook.active ? t('admin.webhooks.active') : t('admin.webhooks.inactive')}</td>
                <td className="actions">
                  <button type="button" onClick={() => sendTest(webhook)}>
                    {t('admin.webhooks.sendTest')}
                  </button>
                  <button type="button" onClick={() => setWatching(webhook)}>
                    {t('admin.webhooks.showDeliveries')}
                  </button>
                  <button type="button" onClick={() => setEditing(webhook)}>
                    {t('admin.webhooks.edit')}
                  </button>
                  <button type="button" onClick={() => remove(webhook)}>
                    {t('admin.webhooks.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {watching && <WebhookDeliveries webhook={watching} version={version} />}
      {editing !== null && (
        <WebhookDialog
          webhook={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={saved}
        />
      )}
      {secret !== null && <WebhookSecret secret={secret} onClose={() => setSecret(null)} />}
    </section>
  );
}
