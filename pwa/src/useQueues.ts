import { useCallback, useEffect, useState } from 'react';
import type { QueueStatus } from '../../shared/schemas';
import { apiRequest, errorMessage } from './api';

interface QueuesState {
  queues: QueueStatus[] | null;
  error: string | null;
  refresh(): Promise<void>;
}

/**
 * The public department list, re-read every `intervalMs` (0: only on demand).
 * Polling stands in until the Socket.IO `queue:status` feed is wired in.
 */
export function useQueues(intervalMs: number): QueuesState {
  const [queues, setQueues] = useState<QueueStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setQueues(await apiRequest<QueueStatus[]>('/api/queues'));
      setError(null);
    } catch (caught) {
      // Keep showing the last good list: a waiting room display should not go blank on a blip.
      setError(errorMessage(caught));
    }
  }, []);

  useEffect(() => {
    void refresh();
    if (intervalMs <= 0) return;
    const timer = window.setInterval(() => void refresh(), intervalMs);
    return () => window.clearInterval(timer);
  }, [refresh, intervalMs]);

  return { queues, error, refresh };
}
