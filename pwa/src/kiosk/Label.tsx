import { STRINGS } from './i18n';
import type { KioskStrings } from './i18n';
import type { LanguagePair } from './useLanguages';

type TextOf = (strings: KioskStrings) => string;

/** A label in the main language with its second-language twin beside it, marked for screen readers. */
export function Label({ pair, text, className }: { pair: LanguagePair; text: TextOf; className?: string }) {
  const primary = text(STRINGS[pair.primary]);
  const secondary = pair.secondary ? text(STRINGS[pair.secondary]) : null;
  return (
    <span className={className ? `label ${className}` : 'label'}>
      <span className="label-primary">{primary}</span>
      {secondary && secondary !== primary && (
        <span className="label-secondary" lang={pair.secondary ?? undefined}>
          {secondary}
        </span>
      )}
    </span>
  );
}
