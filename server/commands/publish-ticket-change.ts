import type { AppContext } from '../context';
import { getQueueStatus } from '../queues/status';
import { presentStaffTicket, presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';

/**
 * After a ticket change commits: the department's new status to its subscribers, the ticket to its owner
 * and to staff, a public `ticket:called` for the displays when it was a call, and a nudge to the
 * delivery workers for the notifications the change recorded.
 */
export async function publishTicketChange(
  ctx: AppContext,
  row: TicketRow,
  options: { called?: boolean } = {},
) {
  ctx.outbox.wake();
  ctx.realtime.ticketUpdated(Number(row.user_id), presentTicket(row), presentStaffTicket(row));
  if (options.called && row.room) {
    ctx.realtime.ticketCalled({
      department: row.code,
      number: row.number,
      room: row.room,
      calledAt: new Date().toISOString(),
    });
  }
  ctx.realtime.queueStatus(await getQueueStatus(ctx.sequelize, row.code));
}
