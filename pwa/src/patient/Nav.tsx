import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefOf } from './useRoute';
import type { Route } from './useRoute';

interface Props {
  route: Route;
  unread: number;
}

export function Nav({ route, unread }: Props) {
  const { t } = useTranslation();
  const link = (target: Route, label: string, extra?: ReactNode) => (
    <li>
      <a href={hrefOf(target)} aria-current={route === target ? 'page' : undefined}>
        {label}
        {extra}
      </a>
    </li>
  );
  // The count is visible; "unread" is for screen readers, so the link reads "Inbox 3 unread".
  const badge =
    unread > 0 ? (
      <span className="badge" data-testid="unread-count">
        {unread}
        <span className="visually-hidden"> {t('nav.unread', { count: unread })}</span>
      </span>
    ) : null;
  return (
    <nav aria-label={t('nav.label')} className="tabs">
      <ul>
        {link('home', t('nav.home'))}
        {link('inbox', t('nav.inbox'), badge)}
        {link('settings', t('nav.settings'))}
      </ul>
    </nav>
  );
}
