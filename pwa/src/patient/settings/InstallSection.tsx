import { useTranslation } from 'react-i18next';
import { isIos } from '../platform';
import { useInstallPrompt } from '../useInstallPrompt';

/** Install: the browser's own prompt where it offers one, the manual steps on iOS, which has none. */
export function InstallSection() {
  const { t } = useTranslation();
  const { canPrompt, installed, install } = useInstallPrompt();
  if (installed) return <p>{t('install.installed')}</p>;
  return (
    <>
      <p>{t('install.why')}</p>
      {canPrompt && (
        <button type="button" className="primary" onClick={() => void install()}>
          {t('install.button')}
        </button>
      )}
      {!canPrompt && <p className="detail">{isIos() ? t('install.iosHint') : t('install.unavailable')}</p>}
    </>
  );
}
