import type { Translation } from '../../common/i18n/catalog';
import type { English } from './en';

export { LANGUAGES, isLanguage } from '../../common/i18n/languages';
export type { Language } from '../../common/i18n/languages';

/**
 * What a translation must provide: every key of the English catalogue, as strings. Languages whose
 * plural rules have a "many" form (Spanish and French for large numbers) may add `_many` keys.
 */
export type Catalog<T = English> = Translation<T>;
