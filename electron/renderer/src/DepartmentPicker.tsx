import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../shared/schemas';
import { useStoredState } from './hooks';

/**
 * The departments this console's nurse works with, remembered on this computer: a ward PC shows its own
 * departments, and its tray count and alerts are about them only. None chosen means all of them.
 */
export function useMyDepartments(): [Set<string>, (codes: Set<string>) => void] {
  const [stored, setStored] = useStoredState('myDepartments', '');
  // One Set per stored value: the board and the alerts recompute only when the choice changes.
  const chosen = useMemo(() => new Set(stored.split(',').filter(Boolean)), [stored]);
  const choose = useCallback((codes: Set<string>) => setStored([...codes].sort().join(',')), [setStored]);
  return [chosen, choose];
}

/** The queues to show: the chosen ones that still exist, or all when none of them does. */
export function visibleQueues(queues: QueueStatus[], chosen: Set<string>): QueueStatus[] {
  const mine = queues.filter((queue) => chosen.has(queue.department));
  return mine.length > 0 ? mine : queues;
}

interface Props {
  queues: QueueStatus[];
  chosen: Set<string>;
  onChange(codes: Set<string>): void;
}

export function DepartmentPicker({ queues, chosen, onChange }: Props) {
  const { t } = useTranslation();
  const shown = visibleQueues(queues, chosen).length;
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onChange(next);
  };
  return (
    <details className="department-picker">
      <summary>
        {t('picker.summary')}{' '}
        <span className="hint">
          {shown === queues.length ? t('picker.all') : t('picker.some', { shown, total: queues.length })}
        </span>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{t('picker.summary')}</legend>
        {queues.map((queue) => (
          <label key={queue.department}>
            <input
              type="checkbox"
              checked={chosen.has(queue.department)}
              onChange={(event) => toggle(queue.department, event.target.checked)}
            />{' '}
            {queue.name} <span className="code">{queue.department}</span>
          </label>
        ))}
        <p className="hint">{t('picker.noneTicked')}</p>
        {chosen.size > 0 && (
          <button type="button" className="link" onClick={() => onChange(new Set())}>
            {t('picker.showAll')}
          </button>
        )}
      </fieldset>
    </details>
  );
}
