import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents, TicketCalledEvent } from '../../shared/events';
import type { StaffTicket, Ticket } from '../../shared/tickets';
import type { Notification } from '../../shared/notifications';
import type { QueueStatus } from '../../shared/schemas';
import { departmentCode } from '../../shared/schemas';
import type { Logger } from '../logger';
import type { Sequelize } from 'sequelize';
import { createAckRecorder } from '../notifications/ack-recorder';
import { markSent, undeliveredFor } from '../notifications/store';
import { authenticateToken } from '../accounts/tokens';
import type { Role } from '../../shared/constants';

interface SocketData {
  userId: number | null;
  role: Role | null;
  departments: string[];
}

interface AddressedNotification {
  userId: number;
  notification: Notification;
}

/** Between server processes (cluster mode), through the PostgreSQL adapter. */
interface InterServerEvents {
  /** Notifications for users whose sockets may be on the receiving process: it emits to its own. */
  'notifications:deliver': (items: AddressedNotification[]) => void;
  /** Which of these users have a socket on the receiving process. */
  'users:connected': (userIds: number[], answer: (connected: number[]) => void) => void;
}

type QueuebellServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type QueuebellSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What the rest of the server may tell connected clients. */
export interface Broadcaster {
  queueStatus(status: QueueStatus): void;
  /** The users among these with a socket on any process (cluster mode) or on this one. */
  connectedUsers(userIds: number[]): Promise<Set<number>>;
  /** Sends a notification to its owner's sockets; an ack from one of them marks it delivered. */
  emitToUser(userId: number, notification: Notification): void;
  /** Public: ticket number and room only, for the waiting-room displays. */
  ticketCalled(event: TicketCalledEvent): void;
  ticketUpdated(ownerId: number, ticket: Ticket, staffTicket: StaffTicket): void;
}

export interface Realtime extends Broadcaster {
  io: QueuebellServer;
  close(): Promise<void>;
}

/** For processes without sockets (the CLI): the database and NOTIFY still carry every change. */
export const silentBroadcaster: Broadcaster = {
  queueStatus: () => undefined,
  connectedUsers: async () => new Set(),
  emitToUser: () => undefined,
  ticketCalled: () => undefined,
  ticketUpdated: () => undefined,
};

const ACK_TIMEOUT_MS = 10_000;
const ALL = '*';
const STAFF_ROOM = 'staff';
const subscribeArgument = z.union([z.literal('all'), z.array(departmentCode).max(100)]);
const ackArgument = z.coerce.number().int().positive();

export const userRoom = (userId: number) => `user:${userId}`;
export const departmentRoom = (code: string) => `dept:${code}`;

export interface RealtimeOptions {
  corsOrigins: string[];
  /** Cluster mode: the database whose NOTIFY carries events between server processes. */
  adapterUrl?: string | undefined;
}

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

  const acks = createAckRecorder(sequelize, logger);

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    socket.data.departments = [];
    socket.data.userId = null;
    socket.data.role = null;
    if (token === undefined || token === null || token === '') return next();
    if (typeof token !== 'string') return next(new Error('unauthenticated'));
    let auth: Awaited<ReturnType<typeof authenticateToken>>;
    try {
      auth = await authenticateToken(token);
    } catch {
      // The database is out of reach: not the client's fault, so it should not sign the user out.
      return next(new Error('unavailable'));
    }
    if (!auth) return next(new Error('unauthenticated'));
    socket.data.userId = auth.user.id;
    socket.data.role = auth.user.role;
    next();
  });

  /** This process's sockets of a user (ids; empty when none). */
  const localSocketIds = (userId: number) => io.sockets.adapter.rooms.get(userRoom(userId)) ?? new Set();
  const hasLocalSocket = (userId: number) => localSocketIds(userId).size > 0;

  /**
   * Which users have a socket: here, the local rooms; in cluster mode, also one question to the other
   * processes for the whole batch, answered with user ids only (fetchSockets answered with every socket's
   * handshake, which went through PostgreSQL for each batch). If another process does not answer within
   * the adapter's request timeout, its users miss the live emit, not the notification: they still get the
   * push and see it in their inbox.
   */
  async function connectedUsers(userIds: number[]): Promise<Set<number>> {
    const local = userIds.filter(hasLocalSocket);
    if (!adapterPool || userIds.length === 0) return new Set(local);
    try {
      const answers = await io.serverSideEmitWithAck('users:connected', userIds);
      return new Set([...local, ...answers.flat()]);
    } catch (error) {
      logger.warn({ err: error }, 'another server process did not say which users it holds');
      return new Set(local);
    }
  }

  /**
   * To this process's sockets of the user; an ack from any of them marks the notification delivered.
   * Socket by socket: a broadcast with acks would wait for every process's count, even when local.
   */
  function emitLocally(userId: number, notification: Notification): void {
    for (const socketId of localSocketIds(userId)) {
      const socket = io.sockets.sockets.get(socketId);
      if (socket) sendWithAck(socket, userId, notification);
    }
  }

  /** One socket's notification; its ack marks the notification delivered. */
  function sendWithAck(socket: QueuebellSocket, userId: number, notification: Notification): void {
    socket.timeout(ACK_TIMEOUT_MS).emit('notification:new', notification, (error: Error | null) => {
      if (!error) acks.record(notification.id, userId);
    });
  }

  /**
   * Cluster mode: an emit with an ack through the adapter costs several NOTIFYs per user (the request,
   * each process's client count, each ack), which made two processes slower than one at a fan-out. So
   * the other processes get one message per event-loop turn with every notification for users who may be
   * theirs, and emit locally; their own acks are recorded in the database, which they share.
   */
  let forOthers: AddressedNotification[] = [];
  const flushForOthers = () => {
    const items = forOthers;
    forOthers = [];
    io.serverSideEmit('notifications:deliver', items);
  };
  io.on('users:connected', (userIds, answer) => answer(userIds.filter(hasLocalSocket)));
  io.on('notifications:deliver', (items) => {
    for (const { userId, notification } of items) {
      if (hasLocalSocket(userId)) emitLocally(userId, notification);
    }
  });

  function emitToUser(userId: number, notification: Notification): void {
    if (hasLocalSocket(userId)) emitLocally(userId, notification);
    if (!adapterPool) return;
    // A user may have sockets on several processes (a phone and a laptop): the others emit to theirs.
    if (forOthers.length === 0) setImmediate(flushForOthers);
    forOthers.push({ userId, notification });
  }

  async function catchUp(socket: QueuebellSocket, userId: number): Promise<void> {
    const missed = await undeliveredFor(sequelize, userId);
    for (const notification of missed) sendWithAck(socket, userId, notification);
    await markSent(
      sequelize,
      missed.map((notification) => notification.id),
    );
  }

  io.on('connection', (socket) => {
    const { userId } = socket.data;
    if (userId !== null) {
      void socket.join(userRoom(userId));
      if (socket.data.role !== 'patient') void socket.join(STAFF_ROOM);
      catchUp(socket, userId).catch((error: unknown) => logger.warn({ err: error }, 'catch-up failed'));
    }

    socket.on('queue:subscribe', (raw, ack) => {
      const parsed = subscribeArgument.safeParse(raw);
      if (!parsed.success) {
        if (typeof ack === 'function')
          ack({ ok: false, error: 'departments must be "all" or a list of department codes' });
        return;
      }
      const wanted = parsed.data === 'all' ? [ALL] : [...new Set(parsed.data)];
      for (const code of socket.data.departments) void socket.leave(departmentRoom(code));
      for (const code of wanted) void socket.join(departmentRoom(code));
      socket.data.departments = wanted;
      if (typeof ack === 'function') ack({ ok: true, departments: parsed.data === 'all' ? ['all'] : wanted });
    });

    socket.on('notification:ack', (raw) => {
      const id = ackArgument.safeParse(raw);
      if (!id.success || userId === null) return;
      acks.record(id.data, userId);
    });
  });

  return {
    io,
    queueStatus(status) {
      io.to([departmentRoom(status.department), departmentRoom(ALL)]).emit('queue:status', status);
    },
    connectedUsers,
    emitToUser,
    ticketCalled(event) {
      io.to([departmentRoom(event.department), departmentRoom(ALL)]).emit('ticket:called', event);
    },
    ticketUpdated(ownerId, ticket, staffTicket) {
      io.to(userRoom(ownerId)).except(STAFF_ROOM).emit('ticket:updated', ticket);
      io.to(STAFF_ROOM).emit('ticket:updated', staffTicket);
    },
    async close() {
      // The HTTP server is Fastify's and is closed by it; here only the sockets go.
      io.disconnectSockets(true);
      await acks.drained();
      await Promise.resolve(io.of('/').adapter.close());
      await adapterPool?.end();
    },
  };
}
