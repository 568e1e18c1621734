import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Ticket } from '../../shared/tickets';
import { localDate } from '../clock';
import type { AppContext } from '../context';
import { conflict, notFound } from '../errors';
import { notifyAlmostYourTurn } from './almost';
import { findTickets, presentTicket } from './queries';
import type { TicketRow } from './queries';
import { publishTicketChange } from '../commands/publish-ticket-change';

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

export async function departmentFor(
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

export async function ticketById(ctx: AppContext, id: number, transaction?: Transaction): Promise<TicketRow> {
  const [row] = await findTickets(ctx.sequelize, 't.id = :id', { id }, transaction);
  if (!row) throw notFound('There is no such ticket.');
  return row;
}

export const asDepartment = (row: {
  department_id: number;
  department_name: string;
  alert_position: number;
}) => ({
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
