/** A catalogue as plain data: nested objects whose leaves are the strings. */
export interface CatalogTree {
  [key: string]: string | CatalogTree;
}

/** Every string of a catalogue by its dotted key ("queue.callNext"). */
export function flattenCatalog(tree: CatalogTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat.set(prefix + key, value);
    else for (const [inner, text] of flattenCatalog(value, `${prefix}${key}.`)) flat.set(inner, text);
  }
  return flat;
}

/** `_many` is the one plural form a translation may add (see catalog.ts); it is no key of its own. */
const MANY = /_many$/;

/**
 * How a translation's keys differ from the reference's: keys it lacks, keys the reference does not have,
 * and `_many` forms with no `_other` to go with. Empty lists mean the same catalogue.
 */
export function compareKeys(
  reference: CatalogTree,
  translation: CatalogTree,
): { missing: string[]; extra: string[] } {
  const expected = new Set(flattenCatalog(reference).keys());
  const found = [...flattenCatalog(translation).keys()];
  const extra = found.filter((key) =>
    MANY.test(key) ? !expected.has(key.replace(MANY, '_other')) : !expected.has(key),
  );
  const present = new Set(found);
  const missing = [...expected].filter((key) => !present.has(key));
  return { missing, extra };
}

/** The plurals (keys ending in `_other`) that have no `_many` form in the translation. */
export function missingManyForms(reference: CatalogTree, translation: CatalogTree): string[] {
  const present = new Set(flattenCatalog(translation).keys());
  return [...flattenCatalog(reference).keys()]
    .filter((key) => key.endsWith('_other'))
    .map((key) => key.replace(/_other$/, '_many'))
    .filter((key) => !present.has(key));
}

/** The `{{value}}` names and `<tag>`s of a string, which a translation must keep (in any order). */
function placeholders(text: string): string {
  const found = text.match(/\{\{\s*\w+|<\/?\w+>/g) ?? [];
  return found
    .map((part) => part.replace(/\{\{\s*/, '{{'))
    .sort()
    .join(' ');
}

/**
 * The keys whose translation lost or added an interpolation or a tag: "{{name}} is open" must still
 * name {{name}}. A `_many` form is held to its `_other`.
 */
export function mismatchedPlaceholders(reference: CatalogTree, translation: CatalogTree): string[] {
  const expected = flattenCatalog(reference);
  const mismatched: string[] = [];
  for (const [key, text] of flattenCatalog(translation)) {
    const english = expected.get(key.replace(MANY, '_other'));
    if (english !== undefined && placeholders(english) !== placeholders(text)) mismatched.push(key);
  }
  return mismatched;
}
