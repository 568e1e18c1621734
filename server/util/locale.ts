/** The languages a notification's words are written in; English is the fallback. */
export const LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language a patient's locale picks (`es-MX` → `es`): what their notification's words are written in. */
export function textLocale(locale: string): Locale {
  const language = (locale.split('-')[0] ?? '').toLowerCase();
  return LOCALES.find((known) => known === language) ?? 'en';
}
