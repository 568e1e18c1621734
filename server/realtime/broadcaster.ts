import type { Broadcaster } from '../context';
import { ALL, departmentRoom, STAFF_ROOM, staffRoom, userRoom } from './types';
import type { QueuebellServer } from './types';

type RoomBroadcasts = Pick<
  Broadcaster,
  | 'queueStatus'
  | 'ticketCalled'
  | 'ticketUpdated'
  | 'ticketUnreached'
  | 'ticketReached'
  | 'ticketLongWait'
  | 'ticketReply'
  | 'appointmentsChanged'
>;

/**
 * The room-wide events: a department's status and calls to its followers (public), a ticket to its owner,
 * and everything for staff (the staff ticket, whether a call reached its patient, a long wait) to the
 * staff of that department only: its own staff room and that of the staff who act on every department.
 */
export function createRoomBroadcasts(io: QueuebellServer): RoomBroadcasts {
  const departmentStaff = (code: string) => io.to([staffRoom(code), staffRoom(ALL)]);
  return {
    queueStatus(status) {
      io.to([departmentRoom(status.department), departmentRoom(ALL)]).emit('queue:status', status);
    },
    ticketCalled(event) {
      io.to([departmentRoom(event.department), departmentRoom(ALL)]).emit('ticket:called', event);
    },
    ticketUpdated(ownerId, ticket, staffTicket) {
      io.to(userRoom(ownerId)).except(STAFF_ROOM).emit('ticket:updated', ticket);
      departmentStaff(staffTicket.department).emit('ticket:updated', staffTicket);
    },
    ticketUnreached(event) {
      departmentStaff(event.department).emit('ticket:unreached', event);
    },
    ticketReached(event) {
      departmentStaff(event.department).emit('ticket:reached', event);
    },
    ticketLongWait(event) {
      departmentStaff(event.department).emit('ticket:long_wait', event);
    },
    ticketReply(event) {
      departmentStaff(event.department).emit('ticket:reply', event);
    },
    appointmentsChanged(department) {
      departmentStaff(department).emit('appointments:changed', { department });
    },
  };
}
