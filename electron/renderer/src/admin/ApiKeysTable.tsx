import { useTranslation } from 'react-i18next';
import type { ApiKey } from '../../../../shared/api-keys';
import { formatDateTime } from '../format';

interface Props {
  keys: ApiKey[];
  onRevoke(apiKey: ApiKey): void;
}

/** The keys in force, one row each: name, scopes, when made and last used, and the revoke action. */
export function ApiKeysTable({ keys, onRevoke }: Props) {
  const { t } = useTranslation();
  if (keys.length === 0) return <p>{t('admin.apiKeys.empty')}</p>;
  return (
    <table className="admin-table api-keys-table">
      <caption className="visually-hidden">{t('admin.apiKeys.table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.apiKeys.columns.name')}</th>
          <th scope="col">{t('admin.apiKeys.columns.scopes')}</th>
          <th scope="col">{t('admin.apiKeys.columns.created')}</th>
          <th scope="col">{t('admin.apiKeys.columns.lastUsed')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((apiKey) => (
          <tr key={apiKey.id} data-api-key={apiKey.name}>
            <td>{apiKey.name}</td>
            <td>{apiKey.scopes.map((scope) => t(`admin.apiKeys.scopes.${scope}`)).join(', ')}</td>
            <td>{formatDateTime(apiKey.createdAt)}</td>
            <td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : t('admin.apiKeys.neverUsed')}</td>
            <td className="row-actions">
              <button
                type="button"
                aria-label={t('admin.apiKeys.revoke', { name: apiKey.name })}
                onClick={() => onRevoke(apiKey)}
              >
                {t('admin.apiKeys.revokeShort')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
