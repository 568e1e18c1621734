import type { Notification } from '../../shared/notifications';
import type { AckRecorder } from '../notifications/ack-recorder';
import { userRoom } from './types';
import type { QueuebellServer, QueuebellSocket } from './types';

const ACK_TIMEOUT_MS = 10_000;

export interface LocalDelivery {
  hasLocalSocket(userId: number): boolean;
  /** To this process's sockets of the user; an ack from any of them marks the notification delivered. */
  emitLocally(userId: number, notification: Notification): void;
  /** One socket's notification; its ack marks the notification delivered. */
  sendWithAck(socket: QueuebellSocket, userId: number, notification: Notification): void;
}

/** Notifications to the sockets of this process, socket by socket, each with its own ack. */
export function createLocalDelivery(io: QueuebellServer, acks: AckRecorder): LocalDelivery {
  const localSocketIds = (userId: number) => io.sockets.adapter.rooms.get(userRoom(userId)) ?? new Set();

  function sendWithAck(socket: QueuebellSocket, userId: number, notification: Notification): void {
    socket.timeout(ACK_TIMEOUT_MS).emit('notification:new', notification, (error: Error | null) => {
      if (!error) acks.record(notification.id, userId);
    });
  }

  return {
    hasLocalSocket: (userId) => localSocketIds(userId).size > 0,
    // Socket by socket: a broadcast with acks would wait for every process's count, even when local.
    emitLocally(userId, notification) {
      for (const socketId of localSocketIds(userId)) {
        const socket = io.sockets.sockets.get(socketId);
        if (socket) sendWithAck(socket, userId, notification);
      }
    },
    sendWithAck,
  };
}
