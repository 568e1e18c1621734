import { QueryTypes } from 'sequelize';
import type { PatientMatch } from '../../../shared/appointments';
import { CHECK_IN_CLOSES_MINUTES_AFTER } from '../../../shared/appointments';
import type { AppContext } from '../../context';
import { cancelAppointment } from '../../commands/cancel-appointment';
import { checkInAppointment } from '../../commands/check-in-appointment';
import { createAppointment } from '../../commands/create-appointment';
import { importAppointments } from '../../commands/import-appointments';
import {
  dayBounds,
  findAppointments,
  presentAppointment,
  presentStaffAppointment,
} from '../../tickets/appointments';
import { today } from '../../tickets/records';
import type { RouteHandlers } from '../route-table';

type AppointmentRoute =
  | 'POST /api/appointments'
  | 'GET /api/appointments'
  | 'POST /api/appointments/import'
  | 'GET /api/appointments/mine'
  | 'POST /api/appointments/:id/check-in'
  | 'DELETE /api/appointments/:id'
  | 'GET /api/patients';

/** A checked-in booking stays in the patient's list this long after its time, to show its ticket. */
const CHECKED_IN_SHOWN_MS = 2 * 3600_000;
const PATIENT_MATCHES = 10;

export function appointmentHandlers(ctx: AppContext): RouteHandlers<AppointmentRoute> {
  const { sequelize } = ctx;
  return {
    'POST /api/appointments': async ({ body, user }) => ({
      appointment: await createAppointment(ctx, user.id, body),
    }),
    'GET /api/appointments': async ({ query }) => {
      const { start, end } = dayBounds(query.date ?? today(ctx), ctx.config.timeZone);
      const rows = await findAppointments(
        sequelize,
        'd.code = :department AND a.at >= :start AND a.at < :end',
        { department: query.department, start, end },
      );
      return rows.map(presentStaffAppointment);
    },
    'POST /api/appointments/import': async ({ body, user }) => importAppointments(ctx, user.id, body),
    'GET /api/appointments/mine': async ({ user }) => {
      const now = ctx.clock.now().getTime();
      const rows = await findAppointments(
        sequelize,
        `a.user_id = :userId AND ((a.status = 'booked' AND a.at >= :closed)
           OR (a.status = 'checked_in' AND a.at >= :shown))`,
        {
          userId: user.id,
          closed: new Date(now - CHECK_IN_CLOSES_MINUTES_AFTER * 60_000),
          shown: new Date(now - CHECKED_IN_SHOWN_MS),
        },
      );
      return rows.map(presentAppointment);
    },
    'POST /api/appointments/:id/check-in': async ({ params, user }) => ({
      ticket: await checkInAppointment(ctx, user.id, params.id),
    }),
    'DELETE /api/appointments/:id': async ({ params, user }) => ({
      appointment: await cancelAppointment(ctx, { id: user.id, role: user.role }, params.id),
    }),
    // Patients by name or email, for a nurse booking one; only what finding the right person needs.
    'GET /api/patients': async ({ query }) => {
      const pattern = `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const rows = await sequelize.query<PatientMatch>(
        `SELECT id, name, email FROM users WHERE role = 'patient' AND (name ILIKE :pattern OR email ILIKE :pattern)
          ORDER BY name, id LIMIT ${PATIENT_MATCHES}`,
        { replacements: { pattern }, type: QueryTypes.SELECT },
      );
      return rows.map((row) => ({ id: Number(row.id), name: row.name, email: row.email }));
    },
  };
}
