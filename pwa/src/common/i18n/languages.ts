/** The languages the patient app and the nurse console both speak; English is the reference. */
export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Each language named in itself, so someone who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
};

const baseOf = (tag: string) => tag.toLowerCase().split('-')[0];

/** The language a locale such as "es-MX" maps to, if the apps speak it. */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const base = locale ? baseOf(locale) : undefined;
  return isLanguage(base) ? base : null;
}

/** The first of the browser's languages that the apps speak (es-MX counts as es). */
export function browserLanguage(tags: readonly string[]): Language | null {
  for (const tag of tags) {
    const language = languageOfLocale(tag);
    if (language) return language;
  }
  return null;
}

/**
 * The locale dates and numbers are written in: the chosen language, in the computer's own region when
 * the computer speaks that language (en-GB keeps its 24-hour clock, es-MX its number grouping), else the
 * language alone.
 */
export function formattingLocale(language: Language, tags: readonly string[]): string {
  return tags.find((tag) => languageOfLocale(tag) === language) ?? language;
}
