import { useCallback, useMemo } from 'react';
import type { Dispatch, RefObject } from 'react';
import { SyncedRead } from '../../../../shared/live-sync';
import type { QueueStatus } from '../../../../shared/schemas';
import type { Ticket } from '../../../../shared/tickets';
import { now } from './now';
import { isNetworkError, sameOriginApi } from '../../../../shared/api-client';
import { getNotificationsSince } from './inbox-pages';

const api = sameOriginApi();
import type { DataAction, PatientData } from './state';

export interface PatientReads {
  /** Tell them of every live update (`changed`): a list read it raced cannot undo it. */
  queues: SyncedRead<QueueStatus[], string>;
  tickets: SyncedRead<Ticket[], number>;
  /** The whole picture, read on every (re)connection so nothing changed while away is missed. */
  refreshAll(): Promise<void>;
}

/** The patient's reads over HTTP, each kept from undoing the live updates that race it. */
export function usePatientReads(
  token: string,
  dispatch: Dispatch<DataAction>,
  dataRef: RefObject<PatientData>,
): PatientReads {
  const queues = useMemo(
    () =>
      new SyncedRead<QueueStatus[], string>({
        read: () => api('GET /api/queues'),
        apply: (list, newerHere) => dispatch({ type: 'queues', queues: list, at: now(), newerHere }),
      }),
    [dispatch],
  );
  const tickets = useMemo(
    () =>
      new SyncedRead<Ticket[], number>({
        read: () => api('GET /api/tickets/mine', { token }),
        apply: (list, newerHere) => dispatch({ type: 'tickets', tickets: list, at: now(), newerHere }),
      }),
    [token, dispatch],
  );

  const flushReads = useCallback(async () => {
    for (const id of dataRef.current.pendingReads) {
      try {
        await api('POST /api/notifications/:id/read', { params: { id }, token });
      } catch (error) {
        if (isNetworkError(error)) return;
        // Anything else (a deleted notification) will never succeed: drop it.
      }
      dispatch({ type: 'readsSent', ids: [id] });
    }
  }, [token, dispatch, dataRef]);

  const refreshAll = useCallback(async () => {
    const knownNewest = dataRef.current.notifications[0]?.id ?? null;
    const [, , page] = await Promise.all([
      queues.run(),
      tickets.run(),
      getNotificationsSince(token, knownNewest),
    ]);
    dispatch({ type: 'notifications', page, older: false, at: now() });
    await flushReads();
  }, [token, dispatch, dataRef, flushReads, queues, tickets]);

  return useMemo(() => ({ queues, tickets, refreshAll }), [queues, tickets, refreshAll]);
}
