import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '../../../../shared/webhooks';
import { errorMessage } from '../errors';
import { formatDateTime } from '../format';
import { useConsole, useResource } from '../hooks';

/** A webhook's latest deliveries, newest first, read again on demand (after a test, say). */
export function WebhookDeliveries({ webhook, version }: { webhook: Webhook; version: number }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const deliveries = useResource(`webhook-deliveries-${webhook.id}-${version}`, () =>
    api('GET /api/webhooks/:id/deliveries', { params: { id: String(webhook.id) }, query: { limit: 50 } }),
  );
  // While a delivery is still to come, read again each second: a test is usually through in one.
  const pending = deliveries.data?.some((delivery) => delivery.status === 'pending') ?? false;
  const { reload } = deliveries;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, 1_000);
    return () => clearTimeout(timer);
  }, [pending, reload, deliveries.data]);

  return (
    <section className="webhook-deliveries" aria-labelledby="webhook-deliveries-heading">
      <div className="section-head">
        <h4 id="webhook-deliveries-heading">{t('admin.webhooks.deliveriesHeading', { url: webhook.url })}</h4>
        <button type="button" onClick={() => deliveries.reload()}>
          {t('admin.webhooks.refresh')}
        </button>
      </div>
      {deliveries.error !== null && <p className="error">{errorMessage(deliveries.error)}</p>}
      {deliveries.data?.length === 0 && <p>{t('admin.webhooks.noDeliveries')}</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">{t('admin.webhooks.deliveriesTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.webhooks.columns.event')}</th>
              <th scope="col">{t('admin.webhooks.columns.status')}</th>
              <th scope="col">{t('admin.webhooks.columns.attempts')}</th>
              <th scope="col">{t('admin.webhooks.columns.lastStatusCode')}</th>
              <th scope="col">{t('admin.webhooks.columns.when')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((delivery) => (
              <tr key={delivery.id} data-status={delivery.status}>
                <td className="code">{delivery.event}</td>
                <td>{t(`admin.webhooks.statuses.${delivery.status}`)}</td>
                <td>{delivery.attempts}</td>
                <td>{delivery.lastStatusCode ?? '–'}</td>
                <td>
                  {delivery.deliveredAt
                    ? formatDateTime(delivery.deliveredAt)
                    : delivery.nextAttemptAt
                      ? t('admin.webhooks.nextAttempt', { at: formatDateTime(delivery.nextAttemptAt) })
                      : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
