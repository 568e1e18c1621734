import { useTranslation } from 'react-i18next';
import { useInstallPrompt } from '../useInstallPrompt';

/** Shown on the home page only while the browser offers installation; Settings always explains it. */
export function InstallPrompt() {
  const { t } = useTranslation();
  const { canPrompt, installed, install } = useInstallPrompt();
  if (!canPrompt || installed) return null;
  return (
    <aside className="install-prompt" aria-label={t('install.heading')}>
      <p>{t('install.why')}</p>
      <button type="button" className="primary" onClick={() => void install()}>
        {t('install.button')}
      </button>
    </aside>
  );
}
