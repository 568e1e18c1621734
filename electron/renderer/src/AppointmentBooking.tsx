import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientMatch } from '../../../shared/appointments';
import { errorMessage } from './errors';
import { useConsole } from './hooks';

interface Props {
  department: string;
  date: string;
  disabled: boolean;
  onBooked(): void;
}

/** Books one patient, found by name or email (the nurse route answers at most ten), at a time of the day. */
export function AppointmentBooking({ department, date, disabled, onBooked }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<PatientMatch[] | null>(null);
  const [patient, setPatient] = useState<PatientMatch | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setMatches(await api('GET /api/patients', { query: { department, q: query } }));
    } catch (caught) {
      setError(caught);
    }
  }

  async function book(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!patient) return;
    const form = new FormData(event.currentTarget);
    const time = String(form.get('time') ?? '');
    const note = String(form.get('note') ?? '').trim();
    setError(null);
    try {
      // The ward computer's day and time: it stands in the hospital.
      const at = new Date(`${date}T${time}`).toISOString();
      await api('POST /api/appointments', {
        body: { department, patientId: patient.id, at, ...(note ? { note } : {}) },
      });
      setPatient(null);
      setMatches(null);
      setQuery('');
      onBooked();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="appointment-booking" role="group" aria-labelledby="book-heading">
      <h3 id="book-heading">{t('appointments.bookTitle')}</h3>
      <form onSubmit={(event) => void search(event)}>
        <label className="field">
          {t('appointments.search')}
          <input
            type="search"
            value={query}
            minLength={2}
            maxLength={120}
            required
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
      </form>
      {matches?.length === 0 && <p>{t('appointments.noMatch')}</p>}
      {matches && matches.length > 0 && !patient && (
        <ul className="patient-matches">
          {matches.map((match) => (
            <li key={match.id}>
              <button type="button" className="link" onClick={() => setPatient(match)}>
                {t('appointments.choose', { name: match.name })}
              </button>
              {match.email && <span className="detail"> {match.email}</span>}
            </li>
          ))}
        </ul>
      )}
      {patient && (
        <form onSubmit={(event) => void book(event)}>
          <p>{t('appointments.chosen', { name: patient.name })}</p>
          <label className="field">
            {t('appointments.time')}
            <input type="time" name="time" required />
          </label>
          <label className="field">
            {t('appointments.note')}
            <input name="note" maxLength={500} />
          </label>
          <button type="submit" className="primary" disabled={disabled}>
            {t('appointments.book')}
          </button>
        </form>
      )}
      {error !== null && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
    </div>
  );
}
