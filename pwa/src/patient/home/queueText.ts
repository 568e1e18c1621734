import i18next from 'i18next';
import type { QueueStatus } from '../../../../shared/schemas';
import { formatList, formatTime } from '../format';

/**
 * The older system's status words ("Queue Open - 3 waiting") rebuilt from the fields they summarise,
 * in the patient's language; the API's statusMessage stays English by contract.
 */
export function queueStatusText(queue: QueueStatus): string {
  if (!queue.isOpen) return i18next.t('queue.closed');
  if (queue.totalWaiting === 0) return i18next.t('queue.noWait');
  return i18next.t('queue.waiting', { count: queue.totalWaiting });
}

/** Secondary facts: estimated wait, closing time, who is being seen. Empty parts are left out. */
export function queueDetails(queue: QueueStatus): string[] {
  const details: string[] = [];
  if (queue.isOpen && queue.totalWaiting > 0 && queue.estimatedWaitMinutes > 0) {
    details.push(i18next.t('queue.estimate', { count: queue.estimatedWaitMinutes }));
  }
  if (queue.isOpen && queue.scheduledCloseAt) {
    details.push(i18next.t('queue.closesAt', { time: formatTime(queue.scheduledCloseAt) }));
  }
  if (queue.nowServing.length > 0) {
    const tickets = formatList(
      queue.nowServing.map((entry) =>
        i18next.t('queue.servingEntry', { ticket: entry.ticket, room: entry.room }),
      ),
    );
    details.push(i18next.t('queue.nowServing', { tickets }));
  }
  return details;
}
