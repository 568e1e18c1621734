import { QueryTypes } from 'sequelize';
import type { Transaction } from 'sequelize';
import type { Priority, Ticket } from '../../shared/tickets';
import type { AppContext } from '../context';
import { ApiError, conflict, notFound } from '../errors';
import { ticketCalledText, ticketNoShowText } from '../notifications/content';
import { recordNotification } from '../notifications/direct';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';
import { publishTicketChange } from './publish-ticket-change';
import { asDepartment, departmentFor, logTicketEvent, ticketById } from '../tickets/records';

/** What staff do to tickets: call, recall, serve, complete, no-show, prioritise. */
const PRIORITY_WEIGHT: Record<Priority, number> = { normal: 0, urgent: 1, emergency: 2 };

/**
 * Calls the next waiting ticket into a room. SKIP LOCKED lets two nurses calling at the same moment
 * take two different patients instead of queueing behind one row lock.
 */
export async function callNext(
  ctx: AppContext,
  nurseId: number,
  code: string,
  room: string,
): Promise<Ticket> {
  const { sequelize } = ctx;
  const row = await sequelize.transaction(async (transaction) => {
    const department = await departmentFor(sequelize, code, transaction, 'none');
    const [next] = await sequelize.query<{ id: number }>(
      `SELECT id FROM tickets WHERE department_id = :departmentId AND status = 'waiting'
        ORDER BY priority_weight DESC, joined_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      { replacements: { departmentId: department.id }, type: QueryTypes.SELECT, transaction },
    );
    if (!next) throw new ApiError(404, 'queue_empty', `Nobody is waiting in the ${department.name} queue.`);
    return markCalled(ctx, transaction, Number(next.id), room, nurseId, 'called');
  });
  await publishTicketChange(ctx, row, { called: true });
  return presentTicket(row);
}

async function markCalled(
  ctx: AppContext,
  transaction: Transaction,
  ticketId: number,
  room: string,
  nurseId: number,
  kind: 'called' | 'recalled',
): Promise<TicketRow> {
  const { sequelize } = ctx;
  const now = ctx.clock.now();
  await sequelize.query(
    `UPDATE tickets SET status = 'called', room = :room, call_count = call_count + 1,
            called_at = coalesce(called_at, :now), last_called_at = :now WHERE id = :ticketId`,
    { replacements: { room, now, ticketId }, transaction },
  );
  await logTicketEvent(sequelize, transaction, ticketId, kind, { actorId: nurseId, room });
  const row = await ticketById(ctx, ticketId, transaction);
  await recordNotification(sequelize, transaction, {
    userId: Number(row.user_id),
    departmentId: Number(row.department_id),
    type: 'ticket_called',
    eventKey: `ticket_called:${ticketId}:${row.call_count}`,
    texts: ticketCalledText(row.number, room),
    data: { ticket: row.number, room },
  });
  await notifyAlmostYourTurn(sequelize, transaction, asDepartment(row));
  return row;
}

export type NurseAction = 'recall' | 'serve' | 'complete' | 'no_show';

const ALLOWED_FROM: Record<NurseAction, string[]> = {
  recall: ['called'],
  serve: ['called'],
  complete: ['called', 'serving'],
  no_show: ['called'],
};

/** A nurse moves a ticket on. A step that does not follow from the ticket's state is a 409. */
export async function nurseTransition(
  ctx: AppContext,
  nurseId: number,
  ticketId: number,
  action: NurseAction,
) {
  const { sequelize } = ctx;
  const row = await sequelize.transaction(async (transaction) => {
    const [locked] = await sequelize.query<{ status: string; room: string | null }>(
      `SELECT status, room FROM tickets WHERE id = :ticketId FOR UPDATE`,
      { replacements: { ticketId }, type: QueryTypes.SELECT, transaction },
    );
    if (!locked) throw notFound('There is no such ticket.');
    if (!ALLOWED_FROM[action].includes(locked.status)) {
      throw conflict(
        'invalid_transition',
        `A ${locked.status.replace('_', '-')} ticket cannot be ${pastTense(action)}.`,
      );
    }
    if (action === 'recall')
      return markCalled(ctx, transaction, ticketId, locked.room ?? '', nurseId, 'recalled');
    const now = ctx.clock.now();
    const update = {
      serve: `status = 'serving', serving_at = :now`,
      complete: `status = 'done', completed_at = :now, ended_at = :now, serving_at = coalesce(serving_at, :now)`,
      no_show: `status = 'no_show', ended_at = :now`,
    }[action];
    await sequelize.query(`UPDATE tickets SET ${update} WHERE id = :ticketId`, {
      replacements: { now, ticketId },
      transaction,
    });
    await logTicketEvent(sequelize, transaction, ticketId, action, { actorId: nurseId });
    const updated = await ticketById(ctx, ticketId, transaction);
    if (action === 'no_show') {
      await recordNotification(sequelize, transaction, {
        userId: Number(updated.user_id),
        departmentId: Number(updated.department_id),
        type: 'ticket_no_show',
        eventKey: `ticket_no_show:${ticketId}`,
        texts: ticketNoShowText(updated.number),
        data: { ticket: updated.number },
      });
    }
    return updated;
  });
  await publishTicketChange(ctx, row, { called: action === 'recall' });
  return presentTicket(row);
}

function pastTense(action: NurseAction): string {
  return { recall: 'recalled', serve: 'served', complete: 'completed', no_show: 'marked no-show' }[action];
}

export async function setPriority(
  ctx: AppContext,
  nurseId: number,
  ticketId: number,
  priority: Priority,
  reason: string,
): Promise<Ticket> {
  const { sequelize } = ctx;
  const row = await sequelize.transaction(async (transaction) => {
    const [locked] = await sequelize.query<{ status: string }>(
      `SELECT status FROM tickets WHERE id = :ticketId FOR UPDATE`,
      {
        replacements: { ticketId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!locked) throw notFound('There is no such ticket.');
    if (locked.status !== 'waiting') {
      throw conflict('invalid_transition', 'Only a waiting ticket can change priority.');
    }
    await sequelize.query(
      `UPDATE tickets SET priority = :priority, priority_weight = :weight WHERE id = :ticketId`,
      {
        replacements: { priority, weight: PRIORITY_WEIGHT[priority], ticketId },
        transaction,
      },
    );
    await logTicketEvent(sequelize, transaction, ticketId, 'priority', {
      actorId: nurseId,
      priority,
      reason,
    });
    const updated = await ticketById(ctx, ticketId, transaction);
    await notifyAlmostYourTurn(sequelize, transaction, asDepartment(updated));
    return updated;
  });
  await publishTicketChange(ctx, row);
  return presentTicket(row);
}
