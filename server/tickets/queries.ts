import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Priority, Ticket, TicketLink, TicketStatus } from '../../shared/tickets';
import { iso } from '../util/iso';
import {
  estimateMinutes,
  estimateRange,
  ROOMS_SQL,
  SERVICE_MINUTES_SQL,
  SERVICE_SPREAD_SQL,
} from './estimates';

export interface TicketRow {
  id: number;
  user_id: number;
  department_id: number;
  code: string;
  department_name: string;
  alert_position: number;
  number: string;
  status: TicketStatus;
  priority: Priority;
  room: string | null;
  call_count: number;
  joined_at: Date;
  called_at: Date | null;
  completed_at: Date | null;
  appointment_at: Date | null;
  position: number | null;
  service_minutes: number | null;
  /** [low, high] quantiles of recent service minutes, or null with too few. */
  service_spread: number[] | null;
  rooms: number;
  patient_name: string;
  from_id: number | null;
  from_code: string | null;
  from_number: string | null;
  to_id: number | null;
  to_code: string | null;
  to_number: string | null;
}

/** Both ends of a transfer: the ticket this one came from and the one it went to. */
const TRANSFER_COLUMNS = `tf.id AS from_id, tfd.code AS from_code, tf.number AS from_number,
    tt.id AS to_id, ttd.code AS to_code, tt.number AS to_number`;
const TRANSFER_JOINS = `
  LEFT JOIN tickets tf ON tf.id = t.transferred_from_id LEFT JOIN departments tfd ON tfd.id = tf.department_id
  LEFT JOIN tickets tt ON tt.transferred_from_id = t.id LEFT JOIN departments ttd ON ttd.id = tt.department_id`;

/**
 * Call order: priority first, then due time (a checked-in appointment's `at`, a walk-in's `joined_at`, or the place a requeue gave).
 * Position is 1 + the waiting tickets ahead, counted on the call-order index.
 */
const POSITION = `CASE WHEN t.status = 'waiting' THEN 1 + (
    SELECT count(*) FROM tickets o
     WHERE o.department_id = t.department_id AND o.status = 'waiting'
       AND (o.priority_weight > t.priority_weight
            OR (o.priority_weight = t.priority_weight AND (o.due_at, o.id) < (t.due_at, t.id))))
  END`;

/**
 * The tickets query, from `tickets t`, `departments d` and `users u`; `extra` adds the columns and joins
 * one caller needs beyond the ticket (the staff list's reach, in `staff.ts`).
 */
export function selectTickets(extra?: { columns: string; joins: string }): string {
  const columns = extra ? `,\n    ${extra.columns}` : '';
  return `SELECT t.id, t.user_id, t.department_id, d.code, d.name AS department_name, d.alert_position,
    t.number, t.status, t.priority, t.room, t.call_count, t.joined_at, t.called_at, t.completed_at,
    t.appointment_at, ${POSITION}::int AS position, ${SERVICE_MINUTES_SQL('t.department_id')} AS service_minutes,
    ${SERVICE_SPREAD_SQL('t.department_id')} AS service_spread,
    ${ROOMS_SQL('t.department_id')}::int AS rooms, u.name AS patient_name, ${TRANSFER_COLUMNS}${columns}
  FROM tickets t JOIN departments d ON d.id = t.department_id JOIN users u ON u.id = t.user_id${TRANSFER_JOINS}${extra?.joins ?? ''}`;
}
const SELECT_TICKETS = selectTickets();

export async function findTickets(
  sequelize: Sequelize,
  where: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
  order = 't.id',
): Promise<TicketRow[]> {
  return sequelize.query<TicketRow>(`${SELECT_TICKETS} WHERE ${where} ORDER BY ${order}`, {
    replacements,
    type: QueryTypes.SELECT,
    ...(transaction ? { transaction } : {}),
  });
}

export function presentTicket(row: TicketRow): Ticket {
  const position = row.position === null ? null : Number(row.position);
  return {
    id: Number(row.id),
    number: row.number,
    department: row.code,
    status: row.status,
    position,
    estimatedWaitMinutes:
      position === null
        ? null
        : estimateMinutes(
            position,
            row.service_minutes === null ? null : Number(row.service_minutes),
            row.rooms,
          ),
    estimatedWaitRange: position === null ? null : estimateRange(position, spreadOf(row), row.rooms),
    room: row.room,
    joinedAt: iso(row.joined_at) ?? '',
    calledAt: iso(row.called_at),
    completedAt: iso(row.completed_at),
    appointmentAt: iso(row.appointment_at),
    transferredFrom: linkOf(row.from_id, row.from_code, row.from_number),
    transferredTo: linkOf(row.to_id, row.to_code, row.to_number),
  };
}

function linkOf(id: number | null, code: string | null, number: string | null): TicketLink | null {
  if (id === null || code === null || number === null) return null;
  return { ticketId: Number(id), department: code, number };
}

/** The spread column as two numbers (PostgreSQL's float8[] may arrive as strings). */
function spreadOf(row: TicketRow): [number, number] | null {
  const [low, high] = row.service_spread ?? [];
  if (low === undefined || high === undefined) return null;
  return [Number(low), Number(high)];
}
