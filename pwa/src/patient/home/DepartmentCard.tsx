import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../../shared/schemas';
import { queueDetails, queueStatusText } from './queueText';

interface Props {
  queue: QueueStatus;
  /** The patient already holds a ticket here. */
  holding: boolean;
  canAct: boolean;
  joining: boolean;
  onJoin(): void;
}

export function DepartmentCard({ queue, holding, canAct, joining, onJoin }: Props) {
  const { t } = useTranslation();
  const headingId = `dept-${queue.department}`;
  return (
    <li className="department" aria-labelledby={headingId} data-department={queue.department}>
      <div className="department-text">
        <h3 id={headingId}>{queue.name}</h3>
        <p className={queue.isOpen ? 'status open' : 'status closed'} data-testid="queue-status">
          {queueStatusText(queue)}
        </p>
        {queueDetails(queue).map((detail) => (
          <p key={detail} className="detail">
            {detail}
          </p>
        ))}
      </div>
      {holding && <p className="holding">{t('queue.youAreIn')}</p>}
      {queue.isOpen && !holding && (
        <button
          type="button"
          className="primary"
          disabled={!canAct || joining}
          aria-describedby={headingId}
          onClick={onJoin}
        >
          {joining ? t('queue.joining') : t('queue.join')}
        </button>
      )}
    </li>
  );
}
