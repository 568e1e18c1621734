import { useTranslation } from 'react-i18next';
import type { AdminLogEntry } from '../../../../shared/staff';
import { NO_VALUE } from '../format';

/**
 * An entry's before and after, one line per field that either names. The field names and values are
 * the server's data (emails, codes, room names), shown as they are.
 */
export function ChangeList({ details }: { details: AdminLogEntry['details'] }) {
  const { t } = useTranslation();
  const before = details.before ?? {};
  const after = details.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fields.length === 0) return null;
  return (
    <ul className="changes">
      {fields.map((field) => (
        <li key={field}>
          {t('admin.log.change', {
            field,
            before: shown(before[field]),
            after: shown(after[field]),
            interpolation: { escapeValue: false },
          })}
        </li>
      ))}
    </ul>
  );
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return NO_VALUE;
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(', ') : NO_VALUE;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
