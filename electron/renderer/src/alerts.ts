import { useEffect, useRef } from 'react';
import type { QueueStatus } from '../../../shared/schemas';
import type { StaffTicket } from '../../../shared/tickets';
import { joinedAlert, longWaitAlert } from './alert-text';
import type { AlertText } from './alert-text';
import { bridge } from './bridge';
import { WAIT_ALERT_MINUTES, minutesSince } from './format';

// A notification that cannot be shown (permission, OS settings) must never break the console.
const notify = ({ title, body }: AlertText) => void bridge.notify(title, body).catch(() => undefined);

/**
 * Tray count, and a native notification when someone joins an empty open queue: the moment a quiet
 * desk needs to look up. The first answer only sets the baseline, so a restart does not alert for
 * everyone already waiting.
 */
export function useQueueAlerts(queues: QueueStatus[] | null): void {
  const previous = useRef<Map<string, number> | null>(null);
  const total = queues?.reduce((sum, queue) => sum + queue.totalWaiting, 0) ?? 0;

  useEffect(() => {
    void bridge.setTrayCount(Math.min(total, 9999)).catch(() => undefined);
  }, [total]);

  useEffect(() => {
    if (!queues) return;
    const before = previous.current;
    previous.current = new Map(queues.map((queue) => [queue.department, queue.totalWaiting]));
    if (!before) return;
    for (const queue of queues) {
      if (queue.isOpen && queue.totalWaiting > 0 && before.get(queue.department) === 0) {
        notify(joinedAlert(queue.name));
      }
    }
  }, [queues]);
}

/** One notification per ticket when its wait passes the alert threshold. */
export function useLongWaitAlerts(tickets: StaffTicket[], now: number, departmentName: string): void {
  const alerted = useRef(new Set<number>());
  useEffect(() => {
    for (const ticket of tickets) {
      if (ticket.status !== 'waiting' || alerted.current.has(ticket.id)) continue;
      const waited = minutesSince(ticket.joinedAt, now);
      if (waited < WAIT_ALERT_MINUTES) continue;
      alerted.current.add(ticket.id);
      // Number and department only: see alert-text.ts for why never the patient's name.
      notify(longWaitAlert(ticket, waited, departmentName));
    }
  }, [tickets, now, departmentName]);
}
