import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Notification } from '../../shared/notifications';
import type { Logger } from '../logger';
import type { LocalDelivery } from './local-delivery';
import type { AddressedNotification, QueuebellServer } from './types';

export interface ClusterRelay {
  /** The users among these with a socket on any process (cluster mode) or on this one. */
  connectedUsers(userIds: number[]): Promise<Set<number>>;
  emitToUser(userId: number, notification: Notification): void;
  close(): Promise<void>;
}

/**
 * Cluster mode: Socket.IO rooms span the server processes through the PostgreSQL adapter (LISTEN/NOTIFY)
 * on `adapterUrl`. Without it, this process's sockets are all there is.
 */
export function createClusterRelay(
  io: QueuebellServer,
  local: LocalDelivery,
  options: { adapterUrl?: string | undefined; logger: Logger },
): ClusterRelay {
  const { logger } = options;
  const adapterPool = options.adapterUrl
    ? new pg.Pool({ connectionString: options.adapterUrl, max: 4 })
    : undefined;
  if (adapterPool) {
    adapterPool.on('error', (error) => logger.warn({ err: error }, 'socket adapter connection lost'));
    io.adapter(
      createAdapter(adapterPool, {
        errorHandler: (error) => logger.warn({ err: error }, 'socket adapter error'),
      }),
    );
  }

  /**
   * Which users have a socket: here, the local rooms; in cluster mode, also one question to the other
   * processes for the whole batch, answered with user ids only (fetchSockets would answer with every
   * socket's handshake, through PostgreSQL, for each batch). If another process does not answer within
   * the adapter's request timeout, its users miss the live emit, not the notification: they still get
   * the push and see it in their inbox.
   */
  async function connectedUsers(userIds: number[]): Promise<Set<number>> {
    const here = userIds.filter(local.hasLocalSocket);
    if (!adapterPool || userIds.length === 0) return new Set(here);
    try {
      const answers = await io.serverSideEmitWithAck('users:connected', userIds);
      return new Set([...here, ...answers.flat()]);
    } catch (error) {
      logger.warn({ err: error }, 'another server process did not say which users it holds');
      return new Set(here);
    }
  }

  /**
   * An emit with an ack through the adapter costs several NOTIFYs per user (the request, each process's
   * client count, each ack), which makes two processes slower than one at a fan-out. So the other
   * processes get one message per event-loop turn with every notification for users who may be theirs,
   * and emit locally; their own acks are recorded in the database, which they share.
   */
  let forOthers: AddressedNotification[] = [];
  const flushForOthers = () => {
    const items = forOthers;
    forOthers = [];
    io.serverSideEmit('notifications:deliver', items);
  };
  io.on('users:connected', (userIds, answer) => answer(userIds.filter(local.hasLocalSocket)));
  io.on('notifications:deliver', (items) => {
    for (const { userId, notification } of items) {
      if (local.hasLocalSocket(userId)) local.emitLocally(userId, notification);
    }
  });

  function emitToUser(userId: number, notification: Notification): void {
    if (local.hasLocalSocket(userId)) local.emitLocally(userId, notification);
    if (!adapterPool) return;
    // A user may have sockets on several processes (a phone and a laptop): the others emit to theirs.
    if (forOthers.length === 0) setImmediate(flushForOthers);
    forOthers.push({ userId, notification });
  }

  return {
    connectedUsers,
    emitToUser,
    async close() {
      await Promise.resolve(io.of('/').adapter.close());
      await adapterPool?.end();
    },
  };
}
