import { useEffect, useRef, useState } from 'react';
import type { QueueStatus } from '../../../shared/schemas';
import type { TicketLongWaitEvent } from '../../../shared/tickets';
import { joinedAlert, longWaitAlert } from './alert-text';
import type { AlertText } from './alert-text';
import { bridge } from './bridge';
import { useLiveEvents } from './hooks';

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

/** The tickets the server said have waited long (`ticket:long_wait`), by id. */
export type LongWaits = ReadonlyMap<number, TicketLongWaitEvent>;

/**
 * Long waits as the server tells them: `ticket:long_wait` comes once per ticket from the server, which
 * keeps the time whether or not a console is open, so the console keeps no timer of its own. Each is kept,
 * so the ticket's row can be marked, and one of a department this console shows raises one desktop
 * notification (number and department only, see alert-text.ts).
 */
export function useLongWaitAlerts(queues: QueueStatus[] | null): LongWaits {
  const [longWaits, setLongWaits] = useState<LongWaits>(new Map());
  const shown = useRef(queues);
  // A ticket's alert is raised once, even if the event came twice (two tabs of one session, a replay).
  const alerted = useRef(new Set<number>());
  useEffect(() => {
    shown.current = queues;
  });
  useLiveEvents((live) => {
    if (live.kind !== 'longWait') return;
    const { event } = live;
    setLongWaits((current) =>
      current.has(event.ticketId) ? current : new Map(current).set(event.ticketId, event),
    );
    // Marked whatever is shown (a department ticked later shows it), alerted only for those shown.
    const queue = shown.current?.find((known) => known.department === event.department);
    if (!queue || alerted.current.has(event.ticketId)) return;
    alerted.current.add(event.ticketId);
    notify(longWaitAlert(event, event.waitingMinutes, queue.name));
  });
  return longWaits;
}
