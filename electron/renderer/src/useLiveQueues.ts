import { useCallback, useEffect, useState } from 'react';
import { SyncedRead } from '../../../shared/live-sync';
import type { QueueStatus } from '../../../shared/schemas';
import { useConsole, useLiveEvents } from './hooks';
import { keepNewer, replaceQueue } from './queue-list';

export interface LiveQueues {
  /** Null until the first read. */
  queues: QueueStatus[] | null;
  error: unknown;
  /** Shows a status the server answered with (an open or close), before its event arrives. */
  put(status: QueueStatus): void;
}

/**
 * Every department's queue, read on each (re)connection and kept current by status events, which carry
 * the whole QueueStatus and are applied at once. A read that such an event raced cannot undo it: the
 * shared live-sync reads again or keeps the event's status (`SyncedRead`).
 */
export function useLiveQueues(): LiveQueues {
  const { api } = useConsole();
  const [queues, setQueues] = useState<QueueStatus[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [read] = useState(
    () =>
      new SyncedRead<QueueStatus[], string>({
        read: () => api('GET /api/queues'),
        apply: (answer, newerHere) => {
          setError(null);
          setQueues((shown) => keepNewer(answer, shown, newerHere));
        },
      }),
  );
  const put = useCallback((status: QueueStatus) => {
    setQueues((list) => list && replaceQueue(list, status));
  }, []);

  // Read at once too, not only on connection: the list shows (with the offline banner) while the socket is down.
  useEffect(() => void read.run().catch(setError), [read]);
  useLiveEvents((event) => {
    if (event.kind === 'connected') read.run().catch(setError);
    if (event.kind !== 'status') return;
    read.changed(event.status.department);
    put(event.status);
  });
  return { queues, error, put };
}
