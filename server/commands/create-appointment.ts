import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { CreateAppointmentBody, StaffAppointment } from '../../shared/appointments';
import type { AppContext } from '../context';
import { departmentFor } from '../departments/lookup';
import { departmentArchived, notFound } from '../errors';
import { appointmentById, presentStaffAppointment } from '../tickets/appointments';

type AppointmentDeps = Pick<AppContext, 'sequelize' | 'missedAppointments' | 'realtime'>;

/**
 * A nurse books a patient into a department at a time; the missed-booking sweep plans for it, and the
 * department's consoles read their day again.
 */
export async function createAppointment(
  deps: AppointmentDeps,
  nurseId: number,
  body: CreateAppointmentBody,
): Promise<StaffAppointment> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const id = await insertAppointment(sequelize, transaction, {
      nurseId,
      department: body.department,
      patientId: body.patientId,
      at: new Date(body.at),
      note: body.note ?? null,
    });
    return appointmentById(sequelize, id, { transaction });
  });
  deps.missedAppointments?.wake();
  const appointment = presentStaffAppointment(row);
  deps.realtime.appointmentsChanged(appointment.department);
  return appointment;
}

/** One booking in the caller's transaction (an import makes many in one); its id. */
export async function insertAppointment(
  sequelize: Sequelize,
  transaction: Transaction,
  booking: { nurseId: number; department: string; patientId: number; at: Date; note: string | null },
): Promise<number> {
  const department = await departmentFor(sequelize, booking.department, transaction, 'none');
  if (department.archived) throw departmentArchived(department.code);
  await requirePatient(sequelize, booking.patientId, transaction);
  const [inserted] = await sequelize.query<{ id: number }>(
    `INSERT INTO appointments (department_id, user_id, at, note, created_by)
     VALUES (:departmentId, :patientId, :at, :note, :nurseId) RETURNING id`,
    {
      replacements: { departmentId: department.id, ...booking },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return Number(inserted?.id);
}

/** Only patients are booked; a staff account or a missing one is answered alike. */
async function requirePatient(sequelize: Sequelize, patientId: number, transaction: Transaction) {
  const [patient] = await sequelize.query<{ id: number }>(
    `SELECT id FROM users WHERE id = :patientId AND role = 'patient'`,
    { replacements: { patientId }, type: QueryTypes.SELECT, transaction },
  );
  if (!patient) throw notFound('There is no such patient.');
}
