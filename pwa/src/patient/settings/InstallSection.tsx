import { useTranslation } from 'react-i18next';
import { isIos, isStandalone } from '../platform';
import { useInstallPrompt } from '../useInstallPrompt';

/**
 * Install: the browser's own prompt where it offers one, the manual steps on iOS, which has none. On iOS
 * the Home Screen is also the only place web push works, so that is said too.
 */
export function InstallSection() {
  const { t } = useTranslation();
  const { canPrompt, installed, install } = useInstallPrompt();
  if (installed) return <p>{t('install.installed')}</p>;
  const iosInBrowser = isIos() && !isStandalone();
  return (
    <>
      <p>{t('install.why')}</p>
      {iosInBrowser && (
        <p className="notice" data-testid="ios-push-guidance">
          {t('install.iosPushOnly')}
        </p>
      )}
      {canPrompt && (
        <button type="button" className="primary" onClick={() => void install()}>
          {t('install.button')}
        </button>
      )}
      {!canPrompt && <p className="detail">{isIos() ? t('install.iosHint') : t('install.unavailable')}</p>}
    </>
  );
}
