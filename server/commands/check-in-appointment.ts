import type { Ticket } from '../../shared/tickets';
import { CHECK_IN_CLOSES_MINUTES_AFTER, CHECK_IN_OPENS_MINUTES_BEFORE } from '../../shared/appointments';
import { conflict, notFound } from '../errors';
import { appointmentById } from '../tickets/appointments';
import { addToQueue, enterQueue } from './join-queue';
import type { TicketDeps } from './ticket-deps';

/**
 * The patient arrives for their booking: between 30 minutes before and 15 minutes after its time, they
 * get a waiting ticket due at the booked time (so a patient who comes early is not served before those
 * due earlier, and one who booked is not served after walk-ins who came later). The booking row is
 * locked, so two taps, or the missed-booking sweep at the same instant, give one outcome.
 */
export async function checkInAppointment(
  deps: TicketDeps,
  userId: number,
  appointmentId: number,
): Promise<Ticket> {
  const { sequelize } = deps;
  const booking = await appointmentById(sequelize, appointmentId);
  if (Number(booking.user_id) !== userId) throw notFound('There is no such appointment.');
  const ticket = await enterQueue(deps, userId, booking.code, async (transaction) => {
    const locked = await appointmentById(sequelize, appointmentId, { transaction, lock: true });
    if (locked.status !== 'booked') {
      throw conflict(
        'invalid_transition',
        `A ${locked.status.replace('_', '-')} appointment cannot be checked in.`,
      );
    }
    requireInsideWindow(new Date(locked.at), deps.clock.now());
    const ticketId = await addToQueue(deps, transaction, {
      userId,
      code: locked.code,
      appointmentAt: new Date(locked.at),
    });
    await sequelize.query(
      `UPDATE appointments SET status = 'checked_in', ticket_id = :ticketId, updated_at = now() WHERE id = :appointmentId`,
      { replacements: { ticketId, appointmentId }, transaction },
    );
    return ticketId;
  });
  deps.realtime.appointmentsChanged(ticket.department);
  return ticket;
}

function requireInsideWindow(at: Date, now: Date): void {
  const opens = at.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000;
  const closes = at.getTime() + CHECK_IN_CLOSES_MINUTES_AFTER * 60_000;
  if (now.getTime() < opens || now.getTime() > closes) {
    throw conflict(
      'outside_check_in_window',
      `Check-in opens ${CHECK_IN_OPENS_MINUTES_BEFORE} minutes before the appointment and closes ${CHECK_IN_CLOSES_MINUTES_AFTER} minutes after it.`,
      { opensAt: new Date(opens).toISOString(), closesAt: new Date(closes).toISOString() },
    );
  }
}
