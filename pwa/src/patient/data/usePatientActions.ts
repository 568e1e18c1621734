import { useCallback, useMemo } from 'react';
import type { Dispatch, RefObject } from 'react';
import { ApiError, isNetworkError, sameOriginApi } from '../../../../shared/api-client';
import type { CallReply } from '../../../../shared/constants';
import { now } from './now';
import { getNotifications } from './inbox-pages';

const api = sameOriginApi();
import type { DataAction, PatientData } from './state';
import type { PatientReads } from './usePatientReads';

export interface PatientActions {
  join(department: string): Promise<void>;
  cancel(ticketId: number): Promise<void>;
  /** Checks in for a booking: its ticket joins the others. */
  checkIn(appointmentId: number): Promise<void>;
  /** Marks a notification read, now or (offline) once the server is reachable again. */
  open(notificationId: number): void;
  readAll(): Promise<void>;
  loadOlder(): Promise<void>;
  /** Answers a call of this ticket ("on my way", "I need a few more minutes"); staff see it at once. */
  reply(ticketId: number, reply: CallReply): Promise<void>;
}

const ignore = () => undefined;

/** What the patient does to the server's data; each answer is applied at once. */
export function usePatientActions(
  token: string,
  dispatch: Dispatch<DataAction>,
  dataRef: RefObject<PatientData>,
  reads: PatientReads,
): PatientActions {
  const join = useCallback(
    async (department: string) => {
      try {
        const { ticket } = await api('POST /api/queues/:department/tickets', { params: { department }, token });
        dispatch({ type: 'ticket', ticket, at: now() });
      } catch (error) {
        // Our picture was stale: show the server's before the patient reads the message.
        if (error instanceof ApiError && error.code === 'already_in_queue') await reads.tickets.run().catch(ignore);
        if (error instanceof ApiError && error.code === 'queue_closed') await reads.queues.run().catch(ignore);
        throw error;
      }
    },
    [token, dispatch, reads],
  );

  const cancel = useCallback(
    async (ticketId: number) => {
      try {
        const { ticket } = await api('DELETE /api/tickets/:id', { params: { id: ticketId }, token });
        dispatch({ type: 'ticket', ticket, at: now() });
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0) await reads.tickets.run().catch(ignore);
        throw error;
      }
    },
    [token, dispatch, reads],
  );

  const checkIn = useCallback(
    async (appointmentId: number) => {
      try {
        const { ticket } = await api('POST /api/appointments/:id/check-in', {
          params: { id: appointmentId },
          token,
        });
        dispatch({ type: 'ticket', ticket, at: now() });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'already_in_queue') await reads.tickets.run().catch(ignore);
        throw error;
      }
    },
    [token, dispatch, reads],
  );

  const open = useCallback(
    (id: number) => {
      const notification = dataRef.current.notifications.find((item) => item.id === id);
      if (!notification || notification.readAt) return;
      const offline = !navigator.onLine;
      dispatch({ type: 'read', ids: [id], at: now(), pending: offline });
      if (offline) return;
      api('POST /api/notifications/:id/read', { params: { id }, token }).catch((error: unknown) => {
        if (isNetworkError(error)) dispatch({ type: 'read', ids: [id], at: now(), pending: true });
      });
    },
    [token, dispatch, dataRef],
  );

  const readAll = useCallback(async () => {
    const unread = dataRef.current.notifications.filter((item) => !item.readAt).map((item) => item.id);
    await api('POST /api/notifications/read-all', { token });
    dispatch({ type: 'read', ids: unread, at: now(), pending: false });
  }, [token, dispatch, dataRef]);

  const loadOlder = useCallback(async () => {
    const cursor = dataRef.current.olderCursor;
    if (!cursor) return;
    dispatch({ type: 'notifications', page: await getNotifications(token, cursor), older: true, at: now() });
  }, [token, dispatch, dataRef]);

  const reply = useCallback(
    async (ticketId: number, answer: CallReply) => {
      await api('POST /api/tickets/:id/reply', { params: { id: ticketId }, body: { reply: answer }, token });
    },
    [token],
  );

  return useMemo(
    () => ({ join, cancel, checkIn, open, readAll, loadOlder, reply }),
    [join, cancel, checkIn, open, readAll, loadOlder, reply],
  );
}
