/**
 * What a translation must provide: every key of the English catalogue `T`, as strings. Languages whose
 * plural rules have a "many" form (Spanish and French for large numbers) may add `_many` keys.
 */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
} & { [key: `${string}_many`]: string };

/** For every `x_other` of `T`, the `x_many` form, which Spanish and French use for millions. */
type ManyForms<T> = {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_many` : never]: string;
};

/**
 * A stricter Translation: each plural also has its `_many` form, so no count falls back to English.
 * (i18next looks for `x_many` whenever the language's plural rules say "many".)
 */
export type TranslationWithMany<T> = {
  [K in keyof T]: T[K] extends string ? string : TranslationWithMany<T[K]>;
} & ManyForms<T>;
