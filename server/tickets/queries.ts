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
 * Call order: priority first, then due time (a checked-in appointment's `at`, a walk-in's `joined_at`, or
 * the place a requeue gave). A waiting ticket's position is 1 + the waiting tickets ahead, counted on
 * the call-order index: for a few tickets, one count each.
 */
const POSITION = `CASE WHEN t.status = 'waiting' THEN 1 + (
    SELECT count(*) FROM tickets o
     WHERE o.department_id = t.department_id AND o.status = 'waiting'
       AND (o.priority_weight > t.priority_weight
            OR (o.priority_weight = t.priority_weight AND (o.due_at, o.id) < (t.due_at, t.id))))
  END`;

/** Columns and joins one caller needs beyond the ticket (the staff list's reach, in `staff.ts`). */
export interface TicketExtra {
  columns: string;
  joins: string;
}

/** How a query's rows get their department's figures: the SQL of each, and the joins they need. */
interface Figures {
  position: string;
  serviceMinutes: string;
  serviceSpread: string;
  rooms: string;
  from: string;
}

function ticketColumns(figures: Figures, extra?: TicketExtra): string {
  const columns = extra ? `,\n    ${extra.columns}` : '';
  return `SELECT t.id, t.user_id, t.department_id, d.code, d.name AS department_name, d.alert_position,
    t.number, t.status, t.priority, t.room, t.call_count, t.joined_at, t.called_at, t.completed_at,
    t.appointment_at, ${figures.position}::int AS position, ${figures.serviceMinutes} AS service_minutes,
    ${figures.serviceSpread} AS service_spread, ${figures.rooms}::int AS rooms,
    u.name AS patient_name, ${TRANSFER_COLUMNS}${columns}
  FROM ${figures.from} JOIN departments d ON d.id = t.department_id JOIN users u ON u.id = t.user_id`;
}

/**
 * A few tickets (by id, a patient's own), picked by `where` on `t` (tickets) and `d` (their department),
 * each with its department's figures read for it. The caller adds its ORDER BY.
 */
export function selectTickets(where: string, extra?: TicketExtra): string {
  const figures: Figures = {
    position: POSITION,
    serviceMinutes: SERVICE_MINUTES_SQL('t.department_id'),
    serviceSpread: SERVICE_SPREAD_SQL('t.department_id'),
    rooms: ROOMS_SQL('t.department_id'),
    from: 'tickets t',
  };
  return `${ticketColumns(figures, extra)}${TRANSFER_JOINS}${extra?.joins ?? ''} WHERE ${where}`;
}

/**
 * A list of tickets (a department's queue for staff), picked as `selectTickets` picks them, with each
 * department's figures worked out once however many of its tickets are picked: per ticket, a list of
 * hundreds of waiting tickets cost a count of the queue and a read of the recent visits for each.
 * - `stats`: recent service minutes and their spread, and the rooms calling now;
 * - `ranks`: the call order of the departments' waiting tickets, whose rank is their position.
 */
export function selectTicketList(where: string, extra?: TicketExtra): string {
  const figures: Figures = {
    position: 'r.position',
    serviceMinutes: 'st.service_minutes',
    serviceSpread: 'st.service_spread',
    rooms: 'st.rooms',
    from: `t JOIN stats st ON st.department_id = t.department_id LEFT JOIN ranks r ON r.id = t.id`,
  };
  return `WITH t AS MATERIALIZED (
    SELECT t.* FROM tickets t JOIN departments d ON d.id = t.department_id WHERE ${where}),
  stats AS MATERIALIZED (
    SELECT s.department_id, ${SERVICE_MINUTES_SQL('s.department_id')} AS service_minutes,
           ${SERVICE_SPREAD_SQL('s.department_id')} AS service_spread, ${ROOMS_SQL('s.department_id')} AS rooms
      FROM (SELECT DISTINCT department_id FROM t) s),
  ranks AS MATERIALIZED (
    SELECT w.id, row_number() OVER (
             PARTITION BY w.department_id ORDER BY w.priority_weight DESC, w.due_at, w.id) AS position
      FROM tickets w
     WHERE w.status = 'waiting' AND w.department_id IN (SELECT department_id FROM t WHERE status = 'waiting'))
  ${ticketColumns(figures, extra)}${TRANSFER_JOINS}${extra?.joins ?? ''}`;
}

export async function findTickets(
  sequelize: Sequelize,
  where: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
  order = 't.id',
): Promise<TicketRow[]> {
  return sequelize.query<TicketRow>(`${selectTickets(where)} ORDER BY ${order}`, {
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
