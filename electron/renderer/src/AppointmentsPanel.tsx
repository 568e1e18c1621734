import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAppointment } from '../../../shared/appointments';
import type { QueueStatus } from '../../../shared/schemas';
import { AppointmentBooking } from './AppointmentBooking';
import { AppointmentImport } from './AppointmentImport';
import { errorMessage } from './errors';
import { formatTime, localDateString } from './format';
import { useConsole, useLiveEvents, useOnline, useResource } from './hooks';

/**
 * A department's day of appointments: the list (with each booking's state, and cancel), booking one
 * patient found by name or email, and a day's list imported from CSV after a preview.
 */
export function AppointmentsPanel({ queue }: { queue: QueueStatus }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const department = queue.department;
  const [date, setDate] = useState(localDateString);
  const [error, setError] = useState<unknown>(null);
  const day = useResource(`${department}:${date}`, () =>
    api('GET /api/appointments', { query: { department, date } }),
  );
  // Another console booked, imported, cancelled; a patient checked in; a booking was missed.
  useLiveEvents((event) => {
    if (event.kind === 'connected') day.reload();
    if (event.kind === 'appointments' && event.event.department === department) day.reload();
  });

  async function cancel(appointment: StaffAppointment) {
    setError(null);
    try {
      await api('DELETE /api/appointments/:id', { params: { id: appointment.id } });
    } catch (caught) {
      setError(caught);
    }
    day.reload();
  }

  return (
    <section aria-label={t('appointments.panel', { name: queue.name })} className="appointments">
      <label className="field">
        {t('appointments.date')}
        <input
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value || localDateString())}
        />
      </label>
      {day.error !== null && <p className="error">{errorMessage(day.error)}</p>}
      {error !== null && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {day.data?.length === 0 && <p>{t('appointments.empty')}</p>}
      {day.data && day.data.length > 0 && (
        <DayTable appointments={day.data} disabled={!online} onCancel={(item) => void cancel(item)} />
      )}
      <AppointmentBooking department={department} date={date} disabled={!online} onBooked={day.reload} />
      <AppointmentImport department={department} date={date} disabled={!online} onImported={day.reload} />
    </section>
  );
}

interface DayTableProps {
  appointments: StaffAppointment[];
  disabled: boolean;
  onCancel(appointment: StaffAppointment): void;
}

function DayTable({ appointments, disabled, onCancel }: DayTableProps) {
  const { t } = useTranslation();
  return (
    <table aria-label={t('appointments.table')}>
      <thead>
        <tr>
          <th scope="col">{t('appointments.columns.time')}</th>
          <th scope="col">{t('appointments.columns.patient')}</th>
          <th scope="col">{t('appointments.columns.status')}</th>
          <th scope="col">{t('appointments.columns.note')}</th>
          <th scope="col">{t('appointments.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {appointments.map((appointment) => (
          <tr key={appointment.id} data-appointment={appointment.id} data-status={appointment.status}>
            <td>{formatTime(appointment.at)}</td>
            <td>{appointment.patientName}</td>
            <td>{t(`appointments.status.${appointment.status}`)}</td>
            <td>{appointment.note ?? ''}</td>
            <td>
              {appointment.status === 'booked' && (
                <button
                  type="button"
                  className="secondary"
                  disabled={disabled}
                  aria-label={`${t('appointments.cancel')}: ${appointment.patientName} ${formatTime(appointment.at)}`}
                  onClick={() => onCancel(appointment)}
                >
                  {t('appointments.cancel')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
