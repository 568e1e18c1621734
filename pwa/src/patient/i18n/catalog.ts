import type { English } from './en';

/**
 * What a translation must provide: every key of the English catalogue, as strings. Languages whose
 * plural rules have a "many" form (Spanish and French for large numbers) may add `_many` keys.
 */
export type Catalog<T = English> = {
  [K in keyof T]: T[K] extends string ? string : Catalog<T[K]>;
} & { [key: `${string}_many`]: string };

export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
