import i18next from 'i18next';
import { createAppI18n } from '../../common/i18n/setup';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

export { LANGUAGES, isLanguage, languageOfLocale } from '../../common/i18n/languages';
export type { Language } from '../../common/i18n/languages';

/**
 * The patient app's i18n: the shared set-up (pwa/src/common/i18n) with its own catalogues. The choice is
 * kept on the device so the sign-in page already speaks the patient's language.
 */
export const { chosenLanguage, initialLanguage, setupI18n, changeLanguage } = createAppI18n({
  storageKey: 'queuebell.language',
  resources: { en: { translation: en }, es: { translation: es }, fr: { translation: fr } },
  title: () => i18next.t('app.name'),
});
