import type { QueueStatus } from '../../../shared/schemas';
import { formatMinutes, formatTime, plural } from './format';
import { useOnline } from './hooks';

interface Props {
  queues: QueueStatus[];
  selected: string | null;
  onSelect(department: string): void;
  onToggle(queue: QueueStatus): void;
}

/** Every department at a glance: open or closed, how many wait, who is being seen where. */
export function DepartmentBoard({ queues, selected, onSelect, onToggle }: Props) {
  if (queues.length === 0) return <p>No departments yet. An administrator creates them.</p>;
  return (
    <ul className="departments" aria-label="Departments">
      {queues.map((queue) => (
        <DepartmentCard
          key={queue.department}
          queue={queue}
          selected={queue.department === selected}
          onSelect={() => onSelect(queue.department)}
          onToggle={() => onToggle(queue)}
        />
      ))}
    </ul>
  );
}

interface CardProps {
  queue: QueueStatus;
  selected: boolean;
  onSelect(): void;
  onToggle(): void;
}

function DepartmentCard({ queue, selected, onSelect, onToggle }: CardProps) {
  const online = useOnline();
  return (
    <li
      className={`department ${queue.isOpen ? 'open' : 'closed'} ${selected ? 'selected' : ''}`}
      data-department={queue.department}
    >
      <div className="department-head">
        <button
          type="button"
          className="department-select"
          aria-current={selected ? 'true' : undefined}
          onClick={onSelect}
        >
          {queue.name} <span className="code">{queue.department}</span>
        </button>
        <button
          type="button"
          role="switch"
          aria-checked={queue.isOpen}
          aria-label={`${queue.name} queue open`}
          className="switch"
          disabled={!online}
          onClick={onToggle}
        >
          <span className="switch-track" aria-hidden="true" />
          <span className="switch-label">{queue.isOpen ? 'Open' : 'Closed'}</span>
        </button>
      </div>
      <p className="waiting-count">
        <strong>{plural(queue.totalWaiting, 'waiting', 'waiting')}</strong>
        {queue.isOpen && queue.estimatedWaitMinutes > 0 && (
          <> · about {formatMinutes(queue.estimatedWaitMinutes)}</>
        )}
      </p>
      <p className="hint">
        {queue.isOpen
          ? `Open since ${formatTime(queue.openedAt)}`
          : `Closed${queue.closedAt ? ` since ${formatTime(queue.closedAt)}` : ''}`}
        {queue.isOpen && queue.scheduledCloseAt && !queue.manualOverride && (
          <> · closes at {formatTime(queue.scheduledCloseAt)}</>
        )}
      </p>
      {queue.isOpen && queue.manualOverride && (
        <p className="badge override">Manual override: stays open past its schedule</p>
      )}
      {queue.nowServing.length > 0 && (
        <div className="now-serving">
          <span className="hint">Now serving</span>
          <ul aria-label={`Now serving in ${queue.name}`}>
            {queue.nowServing.map((serving) => (
              <li key={serving.ticket}>
                <strong>{serving.ticket}</strong> → {serving.room}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
