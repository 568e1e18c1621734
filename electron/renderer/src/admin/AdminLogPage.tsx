import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminLogEntry } from '../../../../shared/staff';
import { ErrorText } from '../Dialog';
import { formatDateTime } from '../format';
import { useConsole } from '../hooks';
import { ChangeList } from './ChangeList';

const PAGE_SIZE = 50;

/** What admins changed and who signed in, newest first, a page at a time through the server's cursor. */
export function AdminLogPage() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [items, setItems] = useState<AdminLogEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(
    async (before: string | null) => {
      setBusy(true);
      setFailure(null);
      try {
        const query = before === null ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, before: Number(before) };
        const page = await api('GET /api/admin/log', { query });
        setItems((previous) => [...(before === null ? [] : (previous ?? [])), ...page.items]);
        setCursor(page.nextCursor);
      } catch (error) {
        setFailure(error);
      }
      setBusy(false);
    },
    [api],
  );
  useEffect(() => void load(null), [load]);

  return (
    <section className="admin-log" aria-labelledby="admin-log-heading">
      <h3 id="admin-log-heading">{t('admin.log.heading')}</h3>
      <ErrorText error={failure} />
      {items === null && failure === null && <p aria-live="polite">{t('admin.loading')}</p>}
      {items?.length === 0 && <p>{t('admin.log.empty')}</p>}
      {items && items.length > 0 && <LogTable items={items} />}
      {cursor !== null ? (
        <button type="button" disabled={busy} onClick={() => void load(cursor)}>
          {busy ? t('admin.log.loadingMore') : t('admin.log.loadMore')}
        </button>
      ) : (
        items && items.length > 0 && <p className="hint">{t('admin.log.end')}</p>
      )}
    </section>
  );
}

function LogTable({ items }: { items: AdminLogEntry[] }) {
  const { t } = useTranslation();
  return (
    <table className="admin-table admin-log-table">
      <caption className="visually-hidden">{t('admin.log.table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.log.columns.when')}</th>
          <th scope="col">{t('admin.log.columns.who')}</th>
          <th scope="col">{t('admin.log.columns.what')}</th>
          <th scope="col">{t('admin.log.columns.target')}</th>
          <th scope="col">{t('admin.log.columns.details')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <tr key={entry.id} data-action={entry.action}>
            <td>{formatDateTime(entry.at)}</td>
            <td>{entry.actor?.name ?? t('admin.log.system')}</td>
            <td>{t(`admin.log.actions.${actionKey(entry.action)}`)}</td>
            <td className="code">{entry.target}</td>
            <td>
              <ChangeList details={entry.details} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `staff.created` is catalogued as `staff_created`: a dot would read as a nested key. */
function actionKey<A extends string>(action: A): A extends `${infer S}.${infer R}` ? `${S}_${R}` : A {
  return action.replace('.', '_') as A extends `${infer S}.${infer R}` ? `${S}_${R}` : A;
}
