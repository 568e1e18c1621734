import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminLogPage } from './AdminLogPage';
import { ApiKeysPage } from './ApiKeysPage';
import { DepartmentsPage } from './DepartmentsPage';
import { StaffPage } from './StaffPage';
import { WebhooksPage } from './WebhooksPage';

/** The admin pages, in order; each is labelled by `admin.tabs.<id>`. */
const PAGES = ['staff', 'departments', 'apiKeys', 'webhooks', 'log'] as const;
type Page = (typeof PAGES)[number];

/** The administration area, in place of the queues: shown only to admins (the server checks it too). */
export function AdminArea() {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>('staff');
  return (
    <main className="workspace admin">
      <h2>{t('admin.heading')}</h2>
      <div role="tablist" aria-label={t('admin.sections')} className="tabs">
        {PAGES.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`admin-tab-${id}`}
            aria-selected={page === id}
            aria-controls="admin-panel"
            onClick={() => setPage(id)}
          >
            {t(`admin.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="admin-panel" aria-labelledby={`admin-tab-${page}`} className="tab-panel">
        {page === 'staff' && <StaffPage />}
        {page === 'departments' && <DepartmentsPage />}
        {page === 'webhooks' && <WebhooksPage />}
        {page === 'log' && <AdminLogPage />}
        {page === 'apiKeys' && <ApiKeysPage />}
      </div>
    </main>
  );
}
