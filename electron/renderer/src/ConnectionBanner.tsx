import { useTranslation } from 'react-i18next';
import { useOnline } from './hooks';

/** Shown while the server cannot be reached; actions are disabled meanwhile and the console retries on its own. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>{t('connection.lost')}</strong> {t('connection.retrying')}
    </div>
  );
}
