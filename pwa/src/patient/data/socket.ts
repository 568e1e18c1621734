import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../shared/events';
import type { Notification } from '../../../../shared/notifications';
import type { QueueStatus } from '../../../../shared/schemas';
import type { Ticket } from '../../../../shared/tickets';

const SUBSCRIBE_TIMEOUT_MS = 5_000;

export type PatientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketHandlers {
  /** Every (re)connection: subscriptions are per connection, and what changed meanwhile must be read. */
  connected(): void;
  disconnected(): void;
  /** The server refused the token (revoked, expired). */
  refused(): void;
  queueStatus(status: QueueStatus): void;
  ticketUpdated(ticket: Ticket): void;
  notification(notification: Notification): void;
}

/**
 * Opens the patient's socket. Every listener is attached before connecting: the server sends the
 * notifications missed while away right at connection, and one sent before a listener exists is lost.
 */
export function connectPatientSocket(token: string, handlers: SocketHandlers): PatientSocket {
  const socket: PatientSocket = io({ path: '/socket.io', auth: { token }, autoConnect: false });

  socket.on('connect', () => {
    // Live only once the server has put this socket in the queue rooms: a queue opened in between would
    // reach neither the socket nor the reload that `connected` starts. Without an answer, live anyway.
    socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('queue:subscribe', 'all')
      .catch(() => undefined)
      .then(() => {
        if (socket.connected) handlers.connected();
      });
  });
  socket.on('disconnect', () => handlers.disconnected());
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthenticated') handlers.refused();
    else handlers.disconnected();
  });
  socket.on('queue:status', (status) => handlers.queueStatus(status));
  socket.on('ticket:updated', (ticket) => handlers.ticketUpdated(ticket));
  socket.on('notification:new', (notification, ack) => {
    handlers.notification(notification);
    // The ack is what marks it delivered on the server; acking a duplicate is harmless.
    ack(true);
  });

  socket.connect();
  return socket;
}
