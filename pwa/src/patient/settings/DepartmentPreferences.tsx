import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences, QueueStatus } from '../../../../shared/schemas';
import { describeError } from '../errors';

interface Props {
  queues: QueueStatus[];
  preferences: Preferences | null;
  canAct: boolean;
  save(change: Partial<Preferences>): Promise<void>;
}

/** Which departments' openings reach this patient: all, or a chosen few. */
export function DepartmentPreferences({ queues, preferences, canAct, save }: Props) {
  const { t } = useTranslation();
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { error: unknown }>('idle');

  useEffect(() => {
    if (!preferences) return;
    setAll(preferences.departments === 'all');
    setChosen(new Set(preferences.departments === 'all' ? [] : preferences.departments));
  }, [preferences]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState('saving');
    try {
      await save({ departments: all ? 'all' : [...chosen] });
      setState('saved');
    } catch (error) {
      setState({ error });
    }
  }

  const toggle = (code: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <form onSubmit={submit} className="department-preferences">
      <fieldset disabled={!preferences}>
        <legend>{t('settings.departments')}</legend>
        <label className="choice">
          <input type="radio" name="scope" checked={all} onChange={() => setAll(true)} />
          {t('settings.allDepartments')}
        </label>
        <label className="choice">
          <input type="radio" name="scope" checked={!all} onChange={() => setAll(false)} />
          {t('settings.someDepartments')}
        </label>
        {!all && (
          <ul className="choices">
            {queues.map((queue) => (
              <li key={queue.department}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={chosen.has(queue.department)}
                    onChange={() => toggle(queue.department)}
                  />
                  {queue.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={!preferences || !canAct || state === 'saving'}>
        {state === 'saving' ? t('settings.saving') : t('settings.save')}
      </button>
      <p aria-live="polite" className={typeof state === 'object' ? 'error' : 'detail'}>
        {state === 'saved' && t('settings.saved')}
        {typeof state === 'object' && describeError(state.error)}
      </p>
    </form>
  );
}
