import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../../shared/notifications';
import { formatWhen } from '../format';
import { notificationText } from './notificationText';

interface Props {
  notification: Notification;
  departmentNames: ReadonlyMap<string, string>;
  expanded: boolean;
  readPending: boolean;
  onToggle(): void;
}

/** A disclosure: the title is the button, opening it shows the body and marks it read. */
export function NotificationItem({ notification, departmentNames, expanded, readPending, onToggle }: Props) {
  const { t } = useTranslation();
  const { title, body } = notificationText(notification, departmentNames);
  const unread = notification.readAt === null;
  const bodyId = `notification-${notification.id}-body`;

  return (
    <li className={unread ? 'notification unread' : 'notification'} data-id={notification.id}>
      <button
        type="button"
        className="notification-toggle"
        aria-expanded={expanded}
        aria-controls={bodyId}
        onClick={onToggle}
      >
        {unread && (
          <span className="unread-dot">
            <span className="visually-hidden">{t('inbox.unread')}: </span>
          </span>
        )}
        <span className="notification-title">{title}</span>
        <time dateTime={notification.createdAt}>{formatWhen(notification.createdAt)}</time>
      </button>
      <div id={bodyId} hidden={!expanded} className="notification-body">
        <p>{body}</p>
        {readPending && <p className="detail">{t('inbox.readPending')}</p>}
      </div>
    </li>
  );
}
