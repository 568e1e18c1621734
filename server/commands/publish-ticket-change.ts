import { getQueueStatus } from '../queues/status';
import { presentStaffTicket, presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';
import type { TicketDeps } from './ticket-deps';

/**
 * After a ticket change commits: the department's new status to its subscribers, the ticket to its owner
 * and to staff, a public `ticket:called` for the displays when it was a call, and a nudge to the
 * delivery workers for the notifications the change recorded.
 */
export async function publishTicketChange(
  deps: Pick<TicketDeps, 'sequelize' | 'clock' | 'realtime' | 'outbox'>,
  row: TicketRow,
  options: { called?: boolean } = {},
): Promise<void> {
  deps.outbox.wake();
  deps.realtime.ticketUpdated(Number(row.user_id), presentTicket(row), presentStaffTicket(row));
  if (options.called && row.room) {
    deps.realtime.ticketCalled({
      department: row.code,
      number: row.number,
      room: row.room,
      calledAt: deps.clock.now().toISOString(),
    });
  }
  deps.realtime.queueStatus(await getQueueStatus(deps.sequelize, row.code));
}
