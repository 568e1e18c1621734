import { describe, expect, it } from 'vitest';
import { compareKeys, flattenCatalog, mismatchedPlaceholders, missingManyForms } from './keys';

const english = {
  title: 'Queue',
  waiting_one: '{{count}} waiting',
  waiting_other: '{{count}} waiting',
  nested: { open: '<strong>{{name}}</strong> is open' },
};

describe('catalogue keys', () => {
  it('flattens a catalogue to dotted keys', () => {
    expect([...flattenCatalog(english).keys()]).toEqual([
      'title',
      'waiting_one',
      'waiting_other',
      'nested.open',
    ]);
  });

  it('finds missing and unknown keys, and allows a _many form of a plural only', () => {
    const translation = {
      titel: 'Cola',
      waiting_one: '{{count}} en espera',
      waiting_many: '{{count}} en espera',
      waiting_other: '{{count}} en espera',
      title_many: 'Colas',
      nested: { open: '<strong>{{name}}</strong> está abierta' },
    };
    expect(compareKeys(english, translation)).toEqual({ missing: ['title'], extra: ['titel', 'title_many'] });
    expect(missingManyForms(english, { waiting_other: 'x' })).toEqual(['waiting_many']);
    expect(missingManyForms(english, translation)).toEqual([]);
  });

  it('finds translations that lost an interpolation or a tag', () => {
    const translation = {
      title: 'Cola',
      waiting_one: 'una persona en espera',
      waiting_many: '{{count}} en espera',
      waiting_other: '{{ count }} en espera',
      nested: { open: '{{name}} está abierta' },
    };
    expect(mismatchedPlaceholders(english, translation)).toEqual(['waiting_one', 'nested.open']);
  });
});
