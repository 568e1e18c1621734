import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { SubscribeAck } from '../../shared/events';
import { departmentCode } from '../../shared/schemas';
import type { Logger } from '../logger';
import type { AckRecorder } from '../notifications/ack-recorder';
import { markSent, undeliveredFor } from '../notifications/store';
import type { LocalDelivery } from './local-delivery';
import { ALL, departmentRoom, STAFF_ROOM, staffRoomsOf, sessionRoom, userRoom } from './types';
import type { QueuebellServer, QueuebellSocket } from './types';

const subscribeArgument = z.union([z.literal('all'), z.array(departmentCode).max(100)]);
const ackArgument = z.coerce.number().int().positive();

export interface HandlerDeps {
  sequelize: Sequelize;
  logger: Logger;
  acks: AckRecorder;
  local: LocalDelivery;
}

/**
 * Per socket: a signed-in user joins their own room (staff also the staff room and those of the
 * departments they act on) and gets what they missed; every socket may follow departments
 * (`queue:subscribe`) and ack notifications.
 */
export function registerHandlers(io: QueuebellServer, deps: HandlerDeps): void {
  io.on('connection', (socket) => {
    const { userId } = socket.data;
    if (userId !== null) {
      void socket.join(userRoom(userId));
      if (socket.data.sessionId !== null) void socket.join(sessionRoom(socket.data.sessionId));
      const access = socket.data.staffAccess;
      if (access !== null) void socket.join([STAFF_ROOM, ...staffRoomsOf(access)]);
      catchUp(deps, socket, userId).catch((error: unknown) =>
        deps.logger.warn({ err: error }, 'catch-up failed'),
      );
    }
    socket.on('queue:subscribe', (raw, ack) => subscribe(socket, raw, ack));
    socket.on('notification:ack', (raw) => {
      const id = ackArgument.safeParse(raw);
      if (!id.success || userId === null) return;
      deps.acks.record(id.data, userId);
    });
  });
}

/** The notifications a user's new socket has not seen yet, each with its ack. */
async function catchUp(deps: HandlerDeps, socket: QueuebellSocket, userId: number): Promise<void> {
  const missed = await undeliveredFor(deps.sequelize, userId);
  for (const notification of missed) deps.local.sendWithAck(socket, userId, notification);
  await markSent(
    deps.sequelize,
    missed.map((notification) => notification.id),
  );
}

/** Replaces the socket's followed departments: "all" or a list of codes. */
function subscribe(socket: QueuebellSocket, raw: unknown, ack: SubscribeAck | undefined): void {
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
}
