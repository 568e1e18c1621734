import type { TranslationWithMany } from '../../../../pwa/src/common/i18n/catalog';
import type { English } from './en';

/**
 * What the console's Spanish and French must provide: every key of en.ts, and the `_many` form of
 * every plural. A missing or misspelt key fails `npm run typecheck`.
 */
export type Catalog = TranslationWithMany<English>;
