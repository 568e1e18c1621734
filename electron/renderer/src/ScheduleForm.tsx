import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Schedule, ScheduleBody } from '../../../shared/queues';
import { errorDetails, errorMessage } from './errors';
import { ErrorText } from './Dialog';
import { DAY_NAMES } from './format';

interface Props {
  department: string;
  schedule: Schedule | null;
  disabled: boolean;
  onSave(body: ScheduleBody): Promise<void>;
  onCancel(): void;
}

/**
 * One schedule. The form checks nothing the API checks: the server's messages (overlap, bad times, no
 * day chosen) are the ones shown, so the console can never disagree with the rules it enforces.
 */
export function ScheduleForm({ department, schedule, disabled, onSave, onCancel }: Props) {
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: ScheduleBody = {
      department,
      daysOfWeek: form.getAll('day').map(Number),
      startTime: String(form.get('startTime') ?? ''),
      endTime: String(form.get('endTime') ?? ''),
      autoOpen: form.get('autoOpen') === 'on',
      isActive: form.get('isActive') === 'on',
    };
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
    } catch (caught) {
      setError({ message: errorMessage(caught), details: errorDetails(caught) });
      setBusy(false);
    }
  }

  const title = schedule ? 'Edit schedule' : 'New schedule';
  return (
    <form className="schedule-form stack" onSubmit={handleSubmit} aria-label={title}>
      <h3>{title}</h3>
      <fieldset className="days">
        <legend>Days</legend>
        {DAY_NAMES.map((name, index) => (
          <label key={name} className="checkbox">
            <input
              type="checkbox"
              name="day"
              value={index + 1}
              defaultChecked={schedule ? schedule.daysOfWeek.includes(index + 1) : index < 5}
            />
            {name}
          </label>
        ))}
      </fieldset>
      <div className="times">
        <label>
          Opens at
          <input type="time" name="startTime" defaultValue={schedule?.startTime ?? '08:00'} />
        </label>
        <label>
          Closes at
          <input type="time" name="endTime" defaultValue={schedule?.endTime ?? '17:00'} />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="autoOpen" defaultChecked={schedule?.autoOpen ?? false} />
        Open automatically at the start time
      </label>
      <label className="checkbox">
        <input type="checkbox" name="isActive" defaultChecked={schedule?.isActive ?? true} />
        Active
      </label>
      <ErrorText message={error?.message ?? null} details={error?.details} />
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || disabled}>
          Save schedule
        </button>
      </div>
    </form>
  );
}
