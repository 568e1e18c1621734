import i18next from 'i18next';
import { formattingLocale, isLanguage } from '../../../../pwa/src/common/i18n/languages';
import { createAppI18n } from '../../../../pwa/src/common/i18n/setup';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

export { LANGUAGES, isLanguage } from '../../../../pwa/src/common/i18n/languages';
export type { Language } from '../../../../pwa/src/common/i18n/languages';

export const resources = { en: { translation: en }, es: { translation: es }, fr: { translation: fr } };

/**
 * Words kept in state (a status line, a notice) are kept as a function, not a string: each render asks
 * it again, so a message shown before a language switch reads in the new language after it. Being a
 * function, it goes into state through an updater: `setNotice(() => wording)`.
 */
export type Wording = () => string;

/**
 * The console's i18n: the patient app's set-up (pwa/src/common/i18n) with the console's catalogues. The
 * choice is remembered per console (this browser profile, or the desktop app's own storage), apart from
 * the patient app's, which may share the origin.
 */
const consoleI18n = createAppI18n({
  storageKey: 'queuebell.console.language',
  resources,
  title: () => i18next.t('app.title'),
});

export const { chosenLanguage, changeLanguage } = consoleI18n;

export async function setupI18n(): Promise<void> {
  await consoleI18n.setupI18n();
  registerNumberFormat();
}

/** The locale the console writes dates, times and numbers in (see formattingLocale). */
export function formatLocale(): string {
  const language = isLanguage(i18next.language) ? i18next.language : 'en';
  const tags = typeof navigator === 'undefined' ? [] : navigator.languages;
  return formattingLocale(language, tags);
}

/** `{{count, number}}` in the catalogues: written in formatLocale(), not i18next's bare language. */
export function registerNumberFormat(): void {
  i18next.services.formatter?.add('number', (value: unknown) =>
    typeof value === 'number' ? new Intl.NumberFormat(formatLocale()).format(value) : String(value),
  );
}
