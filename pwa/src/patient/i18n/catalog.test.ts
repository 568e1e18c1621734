import { describe, expect, it } from 'vitest';
import { compareKeys, mismatchedPlaceholders } from '../../common/i18n/keys';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

// The compiler holds es and fr to en (Catalog); this also catches a dropped {{value}}.
describe.each([
  ['es', es],
  ['fr', fr],
])('the patient app in %s', (_language, catalog) => {
  it('has exactly the English keys', () => {
    expect(compareKeys(en, catalog)).toEqual({ missing: [], extra: [] });
  });

  it('keeps every interpolation and tag of the English', () => {
    expect(mismatchedPlaceholders(en, catalog)).toEqual([]);
  });
});
