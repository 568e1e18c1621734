import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../shared/schemas';
import { errorMessage } from './errors';
import { formatDateTime } from './format';
import { useConsole, useLiveEvents, useResource } from './hooks';

/** Who opened and closed the queue, when and why, newest first. */
export function AuditLogPanel({ queue }: { queue: QueueStatus }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const department = queue.department;
  const log = useResource(department, () =>
    api('GET /api/queues/:department/log', { params: { department }, query: { limit: 100 } }),
  );
  useLiveEvents((event) => {
    if (event.kind === 'connected' || (event.kind === 'status' && event.status.department === department))
      log.reload();
  });

  if (log.error !== null) return <p className="error">{errorMessage(log.error)}</p>;
  if (!log.data) return <p aria-live="polite">{t('audit.loading')}</p>;
  if (log.data.length === 0) return <p>{t('audit.empty', { name: queue.name })}</p>;
  return (
    <table aria-label={t('audit.table', { name: queue.name })} className="audit">
      <thead>
        <tr>
          <th scope="col">{t('audit.columns.when')}</th>
          <th scope="col">{t('audit.columns.change')}</th>
          <th scope="col">{t('audit.columns.how')}</th>
          <th scope="col">{t('audit.columns.by')}</th>
          <th scope="col">{t('audit.columns.note')}</th>
        </tr>
      </thead>
      <tbody>
        {log.data.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.changedAt)}</td>
            <td>{entry.newStatus === 'open' ? t('audit.opened') : t('audit.closed')}</td>
            <td>{t(`audit.reasons.${entry.reason}`)}</td>
            <td>{entry.changedBy?.name ?? t('audit.scheduler')}</td>
            <td>{entry.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
