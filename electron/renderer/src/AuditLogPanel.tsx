import type { AuditEntry } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import { errorMessage } from './errors';
import { formatDateTime } from './format';
import { useConsole, useLiveEvents, useResource } from './hooks';

const REASON: Record<AuditEntry['reason'], string> = {
  manual: 'by hand',
  schedule: 'by the schedule',
  api: 'through the API',
};

/** Who opened and closed the queue, when and why, newest first. */
export function AuditLogPanel({ queue }: { queue: QueueStatus }) {
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
  if (!log.data) return <p aria-live="polite">Loading the audit log…</p>;
  if (log.data.length === 0) return <p>{queue.name} has not been opened or closed yet.</p>;
  return (
    <table aria-label={`${queue.name} audit log`} className="audit">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Change</th>
          <th scope="col">How</th>
          <th scope="col">By</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {log.data.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.changedAt)}</td>
            <td>{entry.newStatus === 'open' ? 'Opened' : 'Closed'}</td>
            <td>{REASON[entry.reason]}</td>
            <td>{entry.changedBy?.name ?? 'Scheduler'}</td>
            <td>{entry.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
