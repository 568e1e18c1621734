import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../shared/schemas';
import { formatMinutes, formatTime } from './format';
import { useOnline } from './hooks';

interface Props {
  queues: QueueStatus[];
  selected: string | null;
  onSelect(department: string): void;
  onToggle(queue: QueueStatus): void;
}

/** Every department at a glance: open or closed, how many wait, who is being seen where. */
export function DepartmentBoard({ queues, selected, onSelect, onToggle }: Props) {
  const { t } = useTranslation();
  if (queues.length === 0) return <p>{t('board.empty')}</p>;
  return (
    <ul className="departments" aria-label={t('board.list')}>
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
  const { t } = useTranslation();
  const online = useOnline();
  const name = queue.name;
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
          aria-label={t('board.switch', { name })}
          className="switch"
          disabled={!online}
          onClick={onToggle}
        >
          <span className="switch-track" aria-hidden="true" />
          <span className="switch-label">{queue.isOpen ? t('board.open') : t('board.closed')}</span>
        </button>
      </div>
      <p className="waiting-count">
        <strong>{t('board.waiting', { count: queue.totalWaiting })}</strong>
        {queue.isOpen && queue.estimatedWaitMinutes > 0 && (
          <> · {t('board.about', { duration: formatMinutes(queue.estimatedWaitMinutes) })}</>
        )}
      </p>
      <p className="hint">
        <OpenSince queue={queue} />
        {queue.isOpen && queue.scheduledCloseAt && !queue.manualOverride && (
          <> · {t('board.closesAt', { time: formatTime(queue.scheduledCloseAt) })}</>
        )}
      </p>
      {queue.isOpen && queue.manualOverride && <p className="badge override">{t('board.override')}</p>}
      {queue.nowServing.length > 0 && (
        <div className="now-serving">
          <span className="hint">{t('board.nowServing')}</span>
          <ul aria-label={t('board.nowServingIn', { name })}>
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

function OpenSince({ queue }: { queue: QueueStatus }) {
  const { t } = useTranslation();
  if (queue.isOpen) return t('board.openSince', { time: formatTime(queue.openedAt) });
  return queue.closedAt ? t('board.closedSince', { time: formatTime(queue.closedAt) }) : t('board.closed');
}
