import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Priority, Ticket } from '../../shared/tickets';
import { localDate } from '../clock';
import type { AppContext } from '../context';
import { ApiError, conflict, notFound } from '../http/errors';
import { ticketCalledText, ticketNoShowText } from '../notifications/content';
import { recordNotification } from '../notifications/direct';
import { notifyAlmostYourTurn } from './almost';
import { findTickets, presentTicket } from './queries';
import type { TicketRow } from './queries';
import { publishTicketChange } from './publish';

const PRIORITY_WEIGHT: Record<Priority, number> = { normal: 0, urgent: 1, emergency: 2 };

interface DepartmentRow {
  id: number;
  code: string;
  name: string;
  alert_position: number;
  is_open: boolean;
}

export function today(ctx: AppContext): string {
  return localDate(ctx.clock.now(), ctx.config.timeZone);
}

async function departmentFor(
  sequelize: Sequelize,
  code: string,
  transaction: Transaction,
  lock: 'share' | 'none',
): Promise<DepartmentRow> {
  const [row] = await sequelize.query<DepartmentRow>(
    `SELECT d.id, d.code, d.name, d.alert_position, q.is_open
       FROM departments d JOIN queues q ON q.department_id = d.id WHERE d.code = :code
       ${lock === 'share' ? 'FOR SHARE OF q' : ''}`,
    { replacements: { code }, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw notFound(`There is no department ${code}.`);
  return row;
}

async function ticketById(ctx: AppContext, id: number, transaction?: Transaction): Promise<TicketRow> {
  const [row] = await findTickets(ctx.sequelize, 't.id = :id', { id }, transaction);
  if (!row) throw notFound('There is no such ticket.');
  return row;
}

const asDepartment = (row: { department_id: number; department_name: string; alert_position: number }) => ({
  id: Number(row.department_id),
  name: row.department_name,
  alertPosition: row.alert_position,
});

/**
 * Joins an open queue. The queue row is share-locked so a close cannot slip between the check and the
 * insert; the number comes from an atomic counter per department and local day.
 */
export async function joinQueue(ctx: AppContext, userId: number, code: string): Promise<Ticket> {
  const { sequelize } = ctx;
  const serviceDate = today(ctx);
  try {
    const row = await sequelize.transaction(async (transaction) => {
      const department = await departmentFor(sequelize, code, transaction, 'share');
      if (!department.is_open) throw conflict('queue_closed', `The ${department.name} queue is closed.`);
      await rejectIfActive(ctx, userId, department.id, transaction);
      const [counter] = await sequelize.query<{ last_seq: number }>(
        `INSERT INTO ticket_counters (department_id, service_date, last_seq) VALUES (:departmentId, :serviceDate, 1)
         ON CONFLICT (department_id, service_date) DO UPDATE SET last_seq = ticket_counters.last_seq + 1
         RETURNING last_seq`,
        { replacements: { departmentId: department.id, serviceDate }, type: QueryTypes.SELECT, transaction },
      );
      const seq = counter?.last_seq ?? 1;
      const number = `${department.code}-${String(seq).padStart(3, '0')}`;
      const [inserted] = await sequelize.query<{ id: number }>(
        `INSERT INTO tickets (department_id, user_id, service_date, seq, number, joined_at)
         VALUES (:departmentId, :userId, :serviceDate, :seq, :number, :joinedAt) RETURNING id`,
        {
          replacements: {
            departmentId: department.id,
            userId,
            serviceDate,
            seq,
            number,
            joinedAt: ctx.clock.now(),
          },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      await logTicketEvent(sequelize, transaction, Number(inserted?.id), 'joined', { actorId: userId });
      await notifyAlmostYourTurn(sequelize, transaction, {
        id: department.id,
        name: department.name,
        alertPosition: department.alert_position,
      });
      return ticketById(ctx, Number(inserted?.id), transaction);
    });
    await publishTicketChange(ctx, row);
    return presentTicket(row);
  } catch (error) {
    // Two joins of the same patient at once: the unique index stops the second.
    if (error instanceof UniqueConstraintError) {
      const department = await sequelize.transaction((transaction) =>
        departmentFor(sequelize, code, transaction, 'none'),
      );
      await rejectIfActive(ctx, userId, department.id);
    }
    throw error;
  }
}

async function rejectIfActive(
  ctx: AppContext,
  userId: number,
  departmentId: number,
  transaction?: Transaction,
) {
  const [active] = await findTickets(
    ctx.sequelize,
    `t.user_id = :userId AND t.department_id = :departmentId AND t.status IN ('waiting', 'called', 'serving')`,
    { userId, departmentId },
    transaction,
  );
  if (active) {
    throw conflict('already_in_queue', 'You already have a ticket in this queue.', {
      ticket: presentTicket(active),
    });
  }
}

export async function logTicketEvent(
  sequelize: Sequelize,
  transaction: Transaction,
  ticketId: number,
  kind: string,
  details: {
    actorId?: number | null;
    room?: string | null;
    priority?: string | null;
    reason?: string | null;
  },
): Promise<void> {
  await sequelize.query(
    `INSERT INTO ticket_events (ticket_id, kind, room, priority, reason, actor_id)
     VALUES (:ticketId, :kind, :room, :priority, :reason, :actorId)`,
    {
      replacements: {
        ticketId,
        kind,
        room: details.room ?? null,
        priority: details.priority ?? null,
        reason: details.reason ?? null,
        actorId: details.actorId ?? null,
      },
      transaction,
    },
  );
}

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
    ...ticketCalledText(row.number, room),
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
        ...ticketNoShowText(updated.number),
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

/** The patient gives up their place. Only their own ticket, and only before it is being served. */
export async function cancelTicket(ctx: AppContext, userId: number, ticketId: number): Promise<Ticket> {
  const { sequelize } = ctx;
  const row = await sequelize.transaction(async (transaction) => {
    const [locked] = await sequelize.query<{ status: string; user_id: number }>(
      `SELECT status, user_id FROM tickets WHERE id = :ticketId FOR UPDATE`,
      { replacements: { ticketId }, type: QueryTypes.SELECT, transaction },
    );
    // Someone else's ticket is answered like a missing one.
    if (!locked || Number(locked.user_id) !== userId) throw notFound('There is no such ticket.');
    if (!['waiting', 'called'].includes(locked.status)) {
      throw conflict(
        'invalid_transition',
        `A ${locked.status.replace('_', '-')} ticket cannot be cancelled.`,
      );
    }
    await sequelize.query(`UPDATE tickets SET status = 'cancelled', ended_at = :now WHERE id = :ticketId`, {
      replacements: { now: ctx.clock.now(), ticketId },
      transaction,
    });
    await logTicketEvent(sequelize, transaction, ticketId, 'cancelled', { actorId: userId });
    const updated = await ticketById(ctx, ticketId, transaction);
    await notifyAlmostYourTurn(sequelize, transaction, asDepartment(updated));
    return updated;
  });
  await publishTicketChange(ctx, row);
  return presentTicket(row);
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
