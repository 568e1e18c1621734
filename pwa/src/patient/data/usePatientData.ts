import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { isNetworkError } from '../errors';
import { useOnline } from '../useOnline';
import { verifySession } from '../session';
import type { PatientSession } from '../session';
import { loadData, saveData } from './cache';
import { createChangeLog } from './change-log';
import {
  cancelTicket,
  getMyTickets,
  getNotifications,
  getNotificationsSince,
  getQueues,
  joinQueue,
  markAllRead,
  markRead,
} from './requests';
import { connectPatientSocket } from './socket';
import { reduceData } from './state';
import type { PatientData } from './state';

export type Connection = 'connecting' | 'live' | 'down';

export interface PatientDataApi {
  data: PatientData;
  connection: Connection;
  online: boolean;
  /** Server actions are offered only while the server is reachable; offline they are disabled, not queued. */
  canAct: boolean;
  join(department: string): Promise<void>;
  cancel(ticketId: number): Promise<void>;
  /** Marks a notification read, now or (offline) once the server is reachable again. */
  open(notificationId: number): void;
  readAll(): Promise<void>;
  loadOlder(): Promise<void>;
}

/** Positions move when someone ahead is called, which only the queue's status tells us; batch re-reads. */
const TICKET_REFRESH_DELAY_MS = 250;
/** Socket.IO does not retry a connection its server refused; we do, unless the token is really gone. */
const REFUSED_RETRY_MS = 5_000;

const now = () => new Date().toISOString();

/**
 * The patient's live data: the cached copy first (so the app opens offline), then the server's, kept
 * current by Socket.IO. Each (re)connection re-reads everything, so nothing changed while away is missed.
 */
export function usePatientData(session: PatientSession, onRefused: () => void): PatientDataApi {
  const { token, user } = session;
  const userId = user.id;
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [data, dispatch] = useReducer(reduceData, userId, loadData);
  const [connection, setConnection] = useState<Connection>('connecting');
  const online = useOnline();
  const dataRef = useRef(data);
  dataRef.current = data;
  const refusedRef = useRef(onRefused);
  // Live updates since a list was asked for outrank the list (change-log.ts).
  const queueChanges = useRef(createChangeLog<string>()).current;
  const ticketChanges = useRef(createChangeLog<number>()).current;
  refusedRef.current = onRefused;

  useEffect(() => saveData(userId, data), [userId, data]);

  const refreshTickets = useCallback(async () => {
    const mark = ticketChanges.mark();
    const tickets = await getMyTickets(token);
    dispatch({ type: 'tickets', tickets, at: now(), newerHere: ticketChanges.since(mark) });
  }, [token, ticketChanges]);

  const refreshQueues = useCallback(async () => {
    const mark = queueChanges.mark();
    const queues = await getQueues();
    dispatch({ type: 'queues', queues, at: now(), newerHere: queueChanges.since(mark) });
  }, [queueChanges]);

  const flushReads = useCallback(async () => {
    for (const id of dataRef.current.pendingReads) {
      try {
        await markRead(token, id);
      } catch (error) {
        if (isNetworkError(error)) return;
        // Anything else (a deleted notification) will never succeed: drop it.
      }
      dispatch({ type: 'readsSent', ids: [id] });
    }
  }, [token]);

  const refreshAll = useCallback(async () => {
    const knownNewest = dataRef.current.notifications[0]?.id ?? null;
    const [, , page] = await Promise.all([
      refreshQueues(),
      refreshTickets(),
      getNotificationsSince(token, knownNewest),
    ]);
    dispatch({ type: 'notifications', page, older: false, at: now() });
    await flushReads();
  }, [token, flushReads, refreshQueues, refreshTickets]);

  useEffect(() => {
    let live = false;
    let ticketTimer: number | undefined;
    let retryTimer: number | undefined;
    const retry = () => {
      retryTimer = window.setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    };
    const socket = connectPatientSocket(token, {
      connected() {
        live = true;
        setConnection('live');
        refreshAll().catch(() => undefined);
      },
      disconnected() {
        // The data was current up to this moment; the offline banner says so.
        if (live) dispatch({ type: 'seen', at: now() });
        live = false;
        setConnection('down');
      },
      refused() {
        setConnection('down');
        // The server also refuses when it cannot check the token (its database is down): ask over HTTP
        // whether the session is really over before signing the patient out.
        verifySession(sessionRef.current)
          .then((fresh) => (fresh ? retry() : refusedRef.current()))
          .catch(retry);
      },
      queueStatus(queue) {
        queueChanges.record(queue.department);
        dispatch({ type: 'queue', queue, at: now() });
        if (!dataRef.current.tickets.some((ticket) => ticket.department === queue.department)) return;
        window.clearTimeout(ticketTimer);
        ticketTimer = window.setTimeout(() => void refreshTickets().catch(() => undefined), TICKET_REFRESH_DELAY_MS);
      },
      ticketUpdated(ticket) {
        ticketChanges.record(ticket.id);
        dispatch({ type: 'ticket', ticket, at: now() });
      },
      notification: (notification) => dispatch({ type: 'notification', notification, at: now() }),
    });
    // Socket.IO retries with a growing delay; when the phone says it is back, try at once.
    const reconnectNow = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener('online', reconnectNow);
    // Live data is current until the page goes away: the next (maybe offline) start says so.
    const stamp = () => {
      if (live) saveData(userId, { ...dataRef.current, updatedAt: now() });
    };
    window.addEventListener('pagehide', stamp);
    return () => {
      window.removeEventListener('online', reconnectNow);
      window.removeEventListener('pagehide', stamp);
      window.clearTimeout(ticketTimer);
      window.clearTimeout(retryTimer);
      socket.disconnect();
    };
  }, [token, userId, refreshAll, refreshTickets]);

  const join = useCallback(
    async (department: string) => {
      try {
        const { ticket } = await joinQueue(token, department);
        dispatch({ type: 'ticket', ticket, at: now() });
      } catch (error) {
        // Our picture was stale: show the server's before the patient reads the message.
        if (error instanceof ApiError && error.code === 'already_in_queue') await refreshTickets().catch(() => undefined);
        if (error instanceof ApiError && error.code === 'queue_closed') await refreshQueues().catch(() => undefined);
        throw error;
      }
    },
    [token, refreshTickets, refreshQueues],
  );

  const cancel = useCallback(
    async (ticketId: number) => {
      try {
        const { ticket } = await cancelTicket(token, ticketId);
        dispatch({ type: 'ticket', ticket, at: now() });
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0) await refreshTickets().catch(() => undefined);
        throw error;
      }
    },
    [token, refreshTickets],
  );

  const open = useCallback(
    (id: number) => {
      const notification = dataRef.current.notifications.find((item) => item.id === id);
      if (!notification || notification.readAt) return;
      const offline = !navigator.onLine;
      dispatch({ type: 'read', ids: [id], at: now(), pending: offline });
      if (offline) return;
      markRead(token, id).catch((error: unknown) => {
        if (isNetworkError(error)) dispatch({ type: 'read', ids: [id], at: now(), pending: true });
      });
    },
    [token],
  );

  const readAll = useCallback(async () => {
    const unread = dataRef.current.notifications.filter((item) => !item.readAt).map((item) => item.id);
    await markAllRead(token);
    dispatch({ type: 'read', ids: unread, at: now(), pending: false });
  }, [token]);

  const loadOlder = useCallback(async () => {
    const cursor = dataRef.current.olderCursor;
    if (!cursor) return;
    dispatch({ type: 'notifications', page: await getNotifications(token, cursor), older: true, at: now() });
  }, [token]);

  return useMemo(
    () => ({
      data,
      connection,
      online,
      canAct: online && connection === 'live',
      join,
      cancel,
      open,
      readAll,
      loadOlder,
    }),
    [data, connection, online, join, cancel, open, readAll, loadOlder],
  );
}
