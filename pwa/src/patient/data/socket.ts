import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../shared/events';
import type { Notification } from '../../../../shared/notifications';
import type { QueueStatus } from '../../../../shared/schemas';
import type { Ticket } from '../../../../shared/tickets';

const SUBSCRIBE_TIMEOUT_MS = 5_000;

export type PatientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketHandlers {
  queueStatus(status: QueueStatus): void;
  ticketUpdated(ticket: Ticket): void;
  notification(notification: Notification): void;
}

/**
 * The patient's socket, not connected yet: the shared live-sync connects it once every listener is
 * attached, because the server sends the notifications missed while away right at connection, and one
 * sent before a listener exists is lost.
 */
export function createPatientSocket(token: string, handlers: SocketHandlers): PatientSocket {
  const socket: PatientSocket = io({ path: '/socket.io', auth: { token }, autoConnect: false });
  socket.on('queue:status', (status) => handlers.queueStatus(status));
  socket.on('ticket:updated', (ticket) => handlers.ticketUpdated(ticket));
  socket.on('notification:new', (notification, ack) => {
    handlers.notification(notification);
    // The ack is what marks it delivered on the server; acking a duplicate is harmless.
    ack(true);
  });
  return socket;
}

/**
 * Joins the queue rooms. Live only once the server has answered: a queue opened in between would reach
 * neither the socket nor the read that follows.
 */
export async function subscribePatient(socket: PatientSocket): Promise<void> {
  const answer = await socket.timeout(SUBSCRIBE_TIMEOUT_MS).emitWithAck('queue:subscribe', 'all');
  if (!answer.ok) throw new Error(answer.error);
}
