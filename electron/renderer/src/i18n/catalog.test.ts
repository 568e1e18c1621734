import { describe, expect, it } from 'vitest';
import { compareKeys, mismatchedPlaceholders, missingManyForms } from '../../../../pwa/src/common/i18n/keys';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

// The compiler already holds es and fr to en (Catalog); this says the same at run time, plus what types
// cannot see: a translation that dropped a {{value}} or a <tag>.
describe.each([
  ['es', es],
  ['fr', fr],
])('the console in %s', (_language, catalog) => {
  it('has exactly the English keys, and a _many form for every plural', () => {
    expect(compareKeys(en, catalog)).toEqual({ missing: [], extra: [] });
    expect(missingManyForms(en, catalog)).toEqual([]);
  });

  it('keeps every interpolation and tag of the English', () => {
    expect(mismatchedPlaceholders(en, catalog)).toEqual([]);
  });
});
