import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, LANGUAGES } from './catalog';
import type { Language } from './catalog';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

export { LANGUAGES, isLanguage } from './catalog';
export type { Language } from './catalog';

/** Kept on the device so the sign-in page already speaks the patient's language. */
const LANGUAGE_KEY = 'queuebell.language';

/** The language the patient picked on this device, if they ever did. */
export function chosenLanguage(): Language | null {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return isLanguage(saved) ? saved : null;
}

/** A choice made here first, then the browser's languages (es-MX counts as es), then English. */
export function initialLanguage(): Language {
  const saved = chosenLanguage();
  if (saved) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export async function setupI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es }, fr: { translation: fr } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders; escaping here too would show &amp; and friends.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    document.title = i18next.t('app.name');
  });
}

/** Switches the app's language and remembers it on this device; the account copy is the caller's. */
export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
}

/** The language a server locale such as "es-MX" maps to, if the app speaks it. */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const base = locale?.toLowerCase().split('-')[0];
  return isLanguage(base) ? base : null;
}
