import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../../shared/appointments';
import {
  CHECK_IN_CLOSES_MINUTES_AFTER,
  CHECK_IN_OPENS_MINUTES_BEFORE,
} from '../../../../shared/appointments';
import { sameOriginApi } from '../../../../shared/api-client';
import { ActionError, useActionError } from '../ActionError';
import { usePatient } from '../data/context';
import { formatTime } from '../format';

const api = sameOriginApi();
const MINUTE = 60_000;

/**
 * The patient's upcoming bookings, each with a check-in button that works inside its window (30 minutes
 * before to 15 after); checking in gives a ticket, shown with the others at once.
 */
export function AppointmentList({ token }: { token: string }) {
  const { t } = useTranslation();
  const { data, canAct, checkIn } = usePatient();
  const [appointments, setAppointments] = useState<Appointment[]>([]);
  const { failure, run } = useActionError();
  const now = useMinute();
  const names = new Map(data.queues.map((queue) => [queue.department, queue.name]));

  const read = useCallback(
    () =>
      api('GET /api/appointments/mine', { token })
        .then(setAppointments)
        .catch(() => undefined),
    [token],
  );
  useEffect(() => void read(), [read]);

  if (appointments.length === 0) return null;
  return (
    <section aria-labelledby="appointments-heading" className="appointments">
      <h3 id="appointments-heading">{t('appointments.heading')}</h3>
      <ActionError failure={failure} />
      <ul>
        {appointments.map((appointment) => {
          const at = new Date(appointment.at).getTime();
          const opens = at - CHECK_IN_OPENS_MINUTES_BEFORE * MINUTE;
          const closes = at + CHECK_IN_CLOSES_MINUTES_AFTER * MINUTE;
          const open = now >= opens && now <= closes;
          return (
            <li key={appointment.id} className="card appointment" data-appointment={appointment.id}>
              <p>
                {t('appointments.at', {
                  department: names.get(appointment.department) ?? appointment.department,
                  time: formatTime(appointment.at),
                })}
              </p>
              {appointment.status === 'checked_in' ? (
                <p className="detail">{t('appointments.checkedIn')}</p>
              ) : open ? (
                <button
                  type="button"
                  className="primary"
                  disabled={!canAct}
                  onClick={() => void run(() => checkIn(appointment.id).then(read))}
                >
                  {t('appointments.checkIn')}
                </button>
              ) : (
                <p className="detail">
                  {now < opens
                    ? t('appointments.opensAt', { time: formatTime(new Date(opens)) })
                    : t('appointments.closed')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The time, moved on each minute, so a button appears when its window opens. */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
