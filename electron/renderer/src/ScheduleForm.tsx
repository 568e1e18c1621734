import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schedule, ScheduleBody } from '../../../shared/queues';
import { ErrorText } from './Dialog';
import { weekdayNames } from './format';

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
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
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
      setError(caught);
      setBusy(false);
    }
  }

  const title = schedule ? t('scheduleForm.editTitle') : t('scheduleForm.newTitle');
  return (
    <form className="schedule-form stack" onSubmit={handleSubmit} aria-label={title}>
      <h3>{title}</h3>
      <fieldset className="days">
        <legend>{t('scheduleForm.days')}</legend>
        {weekdayNames().map((name, index) => (
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
          {t('scheduleForm.opensAt')}
          <input type="time" name="startTime" defaultValue={schedule?.startTime ?? '08:00'} />
        </label>
        <label>
          {t('scheduleForm.closesAt')}
          <input type="time" name="endTime" defaultValue={schedule?.endTime ?? '17:00'} />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="autoOpen" defaultChecked={schedule?.autoOpen ?? false} />
        {t('scheduleForm.autoOpen')}
      </label>
      <label className="checkbox">
        <input type="checkbox" name="isActive" defaultChecked={schedule?.isActive ?? true} />
        {t('scheduleForm.active')}
      </label>
      <ErrorText error={error} />
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy || disabled}>
          {t('scheduleForm.save')}
        </button>
      </div>
    </form>
  );
}
