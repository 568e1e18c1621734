import { DateTime } from 'luxon';
import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Appointment, AppointmentStatus, StaffAppointment } from '../../shared/appointments';
import { notFound } from '../errors';
import { iso } from '../util/iso';

/** An appointment as read, with its department's code and its patient's name (for staff answers only). */
export interface AppointmentRow {
  id: number;
  department_id: number;
  code: string;
  user_id: number;
  patient_name: string;
  at: Date;
  status: AppointmentStatus;
  ticket_id: number | null;
  note: string | null;
}

const SELECT_APPOINTMENTS = `SELECT a.id, a.department_id, d.code, a.user_id, u.name AS patient_name, a.at,
    a.status, a.ticket_id, a.note
  FROM appointments a JOIN departments d ON d.id = a.department_id JOIN users u ON u.id = a.user_id`;

export async function findAppointments(
  sequelize: Sequelize,
  where: string,
  replacements: Record<string, unknown>,
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<AppointmentRow[]> {
  const lock = options.lock ? ' FOR UPDATE OF a' : '';
  return sequelize.query<AppointmentRow>(`${SELECT_APPOINTMENTS} WHERE ${where} ORDER BY a.at, a.id${lock}`, {
    replacements,
    type: QueryTypes.SELECT,
    ...(options.transaction ? { transaction: options.transaction } : {}),
  });
}

/** One appointment (locked for the caller's transaction when asked), or a 404. */
export async function appointmentById(
  sequelize: Sequelize,
  id: number,
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<AppointmentRow> {
  const [row] = await findAppointments(sequelize, 'a.id = :id', { id }, options);
  if (!row) throw notFound('There is no such appointment.');
  return row;
}

/** The appointment as its patient sees it: no name (they know it), nothing of anyone else. */
export function presentAppointment(row: AppointmentRow): Appointment {
  return {
    id: Number(row.id),
    department: row.code,
    at: iso(row.at) ?? '',
    status: row.status,
    ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
    note: row.note,
  };
}

/** The appointment as staff see it in a day's list: whose it is too. */
export function presentStaffAppointment(row: AppointmentRow): StaffAppointment {
  return { ...presentAppointment(row), patientId: Number(row.user_id), patientName: row.patient_name };
}

/** The instants a local day of the hospital starts and ends (a day may be 23 or 25 hours long). */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** The instant of a local `HH:MM` on a local date of the hospital; null for a time that does not read. */
export function localInstant(date: string, time: string, timeZone: string): Date | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!match) return null;
  const instant = DateTime.fromISO(date, { zone: timeZone }).set({
    hour: Number(match[1]),
    minute: Number(match[2]),
  });
  return instant.isValid ? instant.toJSDate() : null;
}
