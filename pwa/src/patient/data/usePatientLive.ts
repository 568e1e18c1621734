import { useEffect, useRef, useState } from 'react';
import type { Dispatch, RefObject } from 'react';
import { LiveSync } from '../../../../shared/live-sync';
import type { QueueStatus } from '../../../../shared/schemas';
import { verifySession } from '../session';
import type { PatientSession } from '../session';
import { saveData } from './cache';
import { now } from './now';
import { createPatientSocket, subscribePatient } from './socket';
import type { DataAction, PatientData } from './state';
import type { PatientReads } from './usePatientReads';

export type Connection = 'connecting' | 'live' | 'down';

/** Positions move when someone ahead is called, which only the queue's status tells us; batch re-reads. */
const TICKET_REFRESH_DELAY_MS = 250;
/** Bounded low: a phone back in range, or a server back from a restart, is caught up within seconds. */
const BACKOFF = { minMs: 1_000, maxMs: 5_000 };

interface LiveInput {
  session: PatientSession;
  onRefused(): void;
  dispatch: Dispatch<DataAction>;
  dataRef: RefObject<PatientData>;
  reads: PatientReads;
}

/**
 * Keeps the patient's data live through the shared live-sync: subscribe, read everything, apply live
 * updates, and reconnect after any disconnect (a server restart included). Returns the connection state.
 */
export function usePatientLive({ session, onRefused, dispatch, dataRef, reads }: LiveInput): Connection {
  const { token, user } = session;
  const userId = user.id;
  const [connection, setConnection] = useState<Connection>('connecting');
  const sessionRef = useRef(session);
  const refusedRef = useRef(onRefused);
  useEffect(() => {
    sessionRef.current = session;
    refusedRef.current = onRefused;
  });

  useEffect(() => {
    let ticketTimer: number | undefined;
    const queueStatus = (queue: QueueStatus) => {
      reads.queues.changed(queue.department);
      dispatch({ type: 'queue', queue, at: now() });
      if (!dataRef.current.tickets.some((ticket) => ticket.department === queue.department)) return;
      window.clearTimeout(ticketTimer);
      ticketTimer = window.setTimeout(() => void reads.tickets.run().catch(() => undefined), TICKET_REFRESH_DELAY_MS);
    };
    const socket = createPatientSocket(token, {
      queueStatus,
      ticketUpdated(ticket) {
        reads.tickets.changed(ticket.id);
        dispatch({ type: 'ticket', ticket, at: now() });
      },
      notification: (notification) => dispatch({ type: 'notification', notification, at: now() }),
    });
    const sync: LiveSync = new LiveSync({
      socket,
      backoff: BACKOFF,
      subscribe: () => subscribePatient(socket),
      read: () => reads.refreshAll(),
      onLive: () => setConnection('live'),
      onDown(wasLive) {
        // The data was current up to this moment; the offline banner says so.
        if (wasLive) dispatch({ type: 'seen', at: now() });
        setConnection('down');
      },
      onRefused() {
        setConnection('down');
        // The server also refuses when it cannot check the token (its database is down): ask over HTTP
        // whether the session is really over before signing the patient out.
        verifySession(sessionRef.current)
          .then((fresh) => (fresh ? sync.reconnectLater() : refusedRef.current()))
          .catch(() => sync.reconnectLater());
      },
    });
    sync.start();
    // Socket.IO retries with a growing delay; when the phone says it is back, try at once.
    const reconnectNow = () => sync.reconnectNow();
    window.addEventListener('online', reconnectNow);
    // Live data is current until the page goes away: the next (maybe offline) start says so.
    const stamp = () => {
      if (sync.live) saveData(userId, { ...dataRef.current, updatedAt: now() });
    };
    window.addEventListener('pagehide', stamp);
    return () => {
      window.removeEventListener('online', reconnectNow);
      window.removeEventListener('pagehide', stamp);
      window.clearTimeout(ticketTimer);
      sync.stop();
    };
  }, [token, userId, dispatch, dataRef, reads]);

  return connection;
}
