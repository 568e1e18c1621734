import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { ImportAnswer, ImportAppointmentsBody, ImportRow } from '../../shared/appointments';
import type { AppContext } from '../context';
import { departmentFor } from '../departments/lookup';
import { departmentArchived } from '../errors';
import { parseCsv } from '../tickets/appointment-csv';
import { findAppointments, localInstant, presentAppointment } from '../tickets/appointments';
import { insertAppointment } from './create-appointment';

const NOTE_MAX = 500;

/**
 * A day's bookings from CSV: every line checked (time, patient, note) and answered with its booking or
 * its error. A dry run creates nothing; otherwise the lines are booked in one transaction, and only when
 * no line has an error, so a list is never half imported.
 */
export async function importAppointments(
  deps: Pick<AppContext, 'sequelize' | 'config' | 'missedAppointments' | 'realtime'>,
  nurseId: number,
  body: ImportAppointmentsBody,
): Promise<ImportAnswer> {
  const { sequelize } = deps;
  const department = await sequelize.transaction((transaction) =>
    departmentFor(sequelize, body.department, transaction, 'none'),
  );
  if (department.archived) throw departmentArchived(department.code);
  const lines = parseCsv(body.csv).slice(0, 1000);
  const patients = await patientsNamed(
    sequelize,
    lines.map((line) => (line.cells[1] ?? '').trim()),
  );
  const rows = lines.map(({ line, cells }): ImportRow => {
    const [time = '', patient = '', note = '', ...rest] = cells.map((cell) => cell.trim());
    const at = localInstant(body.date, time, deps.config.timeZone);
    const found = patients.get(patient.toLowerCase()) ?? null;
    const row = { line, time, patient, note: note || null, at: at?.toISOString() ?? null };
    const error = lineError({ rest, at, found, note });
    return { ...row, patientName: found?.name ?? null, error };
  });
  if (body.dryRun || rows.some((row) => row.error) || rows.length === 0) return { rows, created: [] };
  const created = await sequelize.transaction(async (transaction) => {
    const ids: number[] = [];
    for (const row of rows) {
      ids.push(
        await insertAppointment(sequelize, transaction, {
          nurseId,
          department: department.code,
          patientId: patients.get(row.patient.toLowerCase())?.id ?? 0,
          at: new Date(row.at ?? ''),
          note: row.note,
        }),
      );
    }
    return findAppointments(sequelize, 'a.id IN (:ids)', { ids }, { transaction });
  });
  deps.missedAppointments?.wake();
  deps.realtime.appointmentsChanged(department.code);
  return { rows, created: created.map(presentAppointment) };
}

function lineError(line: {
  rest: string[];
  at: Date | null;
  found: { id: number } | null;
  note: string;
}): ImportRow['error'] {
  if (line.rest.some((cell) => cell !== '')) {
    return { code: 'bad_line', message: 'A line has three columns: time, patient, note.' };
  }
  if (!line.at) return { code: 'bad_time', message: 'The time must be HH:MM, e.g. 09:30.' };
  if (!line.found) return { code: 'unknown_patient', message: 'No patient has this email or number.' };
  if (line.note.length > NOTE_MAX) {
    return { code: 'note_too_long', message: `A note is at most ${NOTE_MAX} characters.` };
  }
  return null;
}

/** The patients the lines name, by email (lower-cased) or account id, keyed as the line wrote them. */
async function patientsNamed(
  sequelize: Sequelize,
  names: string[],
): Promise<Map<string, { id: number; name: string }>> {
  const emails = names.filter((name) => name.includes('@')).map((name) => name.toLowerCase());
  const ids = names.filter((name) => /^[1-9][0-9]{0,15}$/.test(name)).map(Number);
  if (emails.length === 0 && ids.length === 0) return new Map();
  const rows = await sequelize.query<{ id: number; email: string | null; name: string }>(
    `SELECT id, email, name FROM users WHERE role = 'patient'
        AND (email IN (:emails) OR id IN (:ids))`,
    { replacements: { emails: [...emails, ''], ids: [...ids, 0] }, type: QueryTypes.SELECT },
  );
  const found = new Map<string, { id: number; name: string }>();
  for (const row of rows) {
    const patient = { id: Number(row.id), name: row.name };
    found.set(String(row.id), patient);
    if (row.email) found.set(row.email, patient);
  }
  return found;
}
