import type { Appointment } from '../../shared/appointments';
import type { Role } from '../../shared/constants';
import type { AppContext } from '../context';
import { conflict, notFound } from '../errors';
import { appointmentById, presentAppointment } from '../tickets/appointments';

/**
 * Cancels a booking: by staff of its department (the route's department guard checked that), or by its
 * own patient; another patient's booking is answered like a missing one. Only a booking not yet checked
 * in, missed or cancelled can be.
 */
export async function cancelAppointment(
  deps: Pick<AppContext, 'sequelize' | 'realtime'>,
  caller: { id: number; role: Role },
  appointmentId: number,
): Promise<Appointment> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const locked = await appointmentById(sequelize, appointmentId, { transaction, lock: true });
    if (caller.role === 'patient' && Number(locked.user_id) !== caller.id) {
      throw notFound('There is no such appointment.');
    }
    if (locked.status !== 'booked') {
      throw conflict(
        'invalid_transition',
        `A ${locked.status.replace('_', '-')} appointment cannot be cancelled.`,
      );
    }
    await sequelize.query(
      `UPDATE appointments SET status = 'cancelled', updated_at = now() WHERE id = :appointmentId`,
      { replacements: { appointmentId }, transaction },
    );
    return appointmentById(sequelize, appointmentId, { transaction });
  });
  const appointment = presentAppointment(row);
  deps.realtime.appointmentsChanged(appointment.department);
  return appointment;
}
