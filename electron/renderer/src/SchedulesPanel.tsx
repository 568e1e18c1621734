import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schedule } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import { errorMessage } from './errors';
import { formatDays } from './format';
import { useConsole, useLiveEvents, useOnline, useResource } from './hooks';
import { ScheduleForm } from './ScheduleForm';

/** A department's opening hours: the scheduler closes the queue at the end time (and may open it). */
export function SchedulesPanel({ queue }: { queue: QueueStatus }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const department = queue.department;
  const schedules = useResource(department, () => api('GET /api/schedules', { query: { department } }));
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);

  useLiveEvents((event) => {
    if (event.kind === 'connected') schedules.reload();
  });

  async function remove(schedule: Schedule) {
    setError(null);
    try {
      await api('DELETE /api/schedules/:id', { params: { id: schedule.id } });
    } catch (caught) {
      setError(caught);
    }
    schedules.reload();
  }

  return (
    <section aria-label={t('schedules.panel', { name: queue.name })} className="schedules">
      {schedules.error !== null && <p className="error">{errorMessage(schedules.error)}</p>}
      {error !== null && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {schedules.data?.length === 0 && <p>{t('schedules.empty', { name: queue.name })}</p>}
      {schedules.data && schedules.data.length > 0 && (
        <SchedulesTable
          schedules={schedules.data}
          disabled={!online}
          onEdit={setEditing}
          onRemove={(schedule) => void remove(schedule)}
        />
      )}
      {editing === null ? (
        <button type="button" className="primary" onClick={() => setEditing('new')} disabled={!online}>
          {t('schedules.add')}
        </button>
      ) : (
        <ScheduleForm
          key={editing === 'new' ? 'new' : editing.id}
          department={department}
          schedule={editing === 'new' ? null : editing}
          disabled={!online}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            if (editing === 'new') await api('POST /api/schedules', { body });
            else await api('PUT /api/schedules/:id', { params: { id: editing.id }, body });
            setEditing(null);
            schedules.reload();
          }}
        />
      )}
    </section>
  );
}

interface TableProps {
  schedules: Schedule[];
  disabled: boolean;
  onEdit(schedule: Schedule): void;
  onRemove(schedule: Schedule): void;
}

function SchedulesTable({ schedules, disabled, onEdit, onRemove }: TableProps) {
  const { t } = useTranslation();
  return (
    <table aria-label={t('schedules.table')}>
      <thead>
        <tr>
          <th scope="col">{t('schedules.columns.days')}</th>
          <th scope="col">{t('schedules.columns.hours')}</th>
          <th scope="col">{t('schedules.columns.autoOpen')}</th>
          <th scope="col">{t('schedules.columns.active')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {schedules.map((schedule) => (
          <tr key={schedule.id}>
            <td>{formatDays(schedule.daysOfWeek)}</td>
            <td>
              {/* Wall-clock HH:MM as the API keeps them, which reads the same in all three languages. */}
              {t(schedule.endTime <= schedule.startTime ? 'schedules.overnight' : 'schedules.hours', {
                start: schedule.startTime,
                end: schedule.endTime,
              })}
            </td>
            <td>{schedule.autoOpen ? t('common.yes') : t('common.no')}</td>
            <td>{schedule.isActive ? t('common.yes') : t('common.no')}</td>
            <td className="row-actions">
              <div>
                <button type="button" onClick={() => onEdit(schedule)} disabled={disabled}>
                  {t('common.edit')}
                </button>
                <button type="button" onClick={() => onRemove(schedule)} disabled={disabled}>
                  {t('common.delete')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
