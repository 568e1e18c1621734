import type { Server as HttpServer } from 'node:http';
import type { Sequelize } from 'sequelize';
import { Server } from 'socket.io';
import type { Broadcaster } from '../context';
import type { Logger } from '../logger';
import { createAckRecorder } from '../notifications/ack-recorder';
import { createRoomBroadcasts } from './broadcaster';
import { createClusterRelay } from './cluster-relay';
import { authenticateSockets } from './handshake';
import { registerHandlers } from './handlers';
import { createLocalDelivery } from './local-delivery';
import { createStaffSockets } from './staff-sockets';
import type { QueuebellServer } from './types';

export interface Realtime extends Broadcaster {
  io: QueuebellServer;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  corsOrigins: string[];
  /** Cluster mode: the database whose NOTIFY carries events between server processes. */
  adapterUrl?: string | undefined;
}

/** Socket.IO on the HTTP server: the handshake, the handlers, the cluster relay and the broadcasts. */
export function createRealtime(
  httpServer: HttpServer,
  sequelize: Sequelize,
  logger: Logger,
  options: RealtimeOptions,
): Realtime {
  const io: QueuebellServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: options.corsOrigins, credentials: false },
  });
  const rooms = createRoomBroadcasts(io);
  const acks = createAckRecorder(sequelize, logger, (calls) => calls.forEach(rooms.ticketReached));
  const local = createLocalDelivery(io, acks);
  const relay = createClusterRelay(io, local, { adapterUrl: options.adapterUrl, logger });
  const staff = createStaffSockets(io, { clustered: options.adapterUrl !== undefined });
  authenticateSockets(io);
  registerHandlers(io, { sequelize, logger, acks, local });

  return {
    io,
    ...rooms,
    ...staff,
    connectedUsers: relay.connectedUsers,
    emitToUser: relay.emitToUser,
    async close() {
      // The HTTP server is Fastify's and is closed by it; here only the sockets go.
      io.disconnectSockets(true);
      await acks.drained();
      await relay.close();
    },
  };
}
