import { useState } from 'react';
import type { Schedule } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import { errorMessage } from './errors';
import { formatDays } from './format';
import { useConsole, useLiveEvents, useOnline, useResource } from './hooks';
import { ScheduleForm } from './ScheduleForm';

/** A department's opening hours: the scheduler closes the queue at the end time (and may open it). */
export function SchedulesPanel({ queue }: { queue: QueueStatus }) {
  const { api } = useConsole();
  const online = useOnline();
  const department = queue.department;
  const schedules = useResource(department, () => api('GET /api/schedules', { query: { department } }));
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLiveEvents((event) => {
    if (event.kind === 'connected') schedules.reload();
  });

  async function remove(schedule: Schedule) {
    setError(null);
    try {
      await api('DELETE /api/schedules/:id', { params: { id: schedule.id } });
    } catch (caught) {
      setError(errorMessage(caught));
    }
    schedules.reload();
  }

  return (
    <section aria-label={`${queue.name} schedules`} className="schedules">
      {schedules.error !== null && <p className="error">{errorMessage(schedules.error)}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {schedules.data?.length === 0 && <p>No schedule: {queue.name} opens and closes only by hand.</p>}
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
          Add schedule
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
  return (
    <table aria-label="Schedules">
      <thead>
        <tr>
          <th scope="col">Days</th>
          <th scope="col">Hours</th>
          <th scope="col">Opens automatically</th>
          <th scope="col">Active</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {schedules.map((schedule) => (
          <tr key={schedule.id}>
            <td>{formatDays(schedule.daysOfWeek)}</td>
            <td>
              {schedule.startTime}–{schedule.endTime}
              {schedule.endTime <= schedule.startTime && ' (next day)'}
            </td>
            <td>{schedule.autoOpen ? 'Yes' : 'No'}</td>
            <td>{schedule.isActive ? 'Yes' : 'No'}</td>
            <td className="row-actions">
              <div>
                <button type="button" onClick={() => onEdit(schedule)} disabled={disabled}>
                  Edit
                </button>
                <button type="button" onClick={() => onRemove(schedule)} disabled={disabled}>
                  Delete
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
