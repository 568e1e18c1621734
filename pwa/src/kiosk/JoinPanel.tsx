import { QrCode } from './QrCode';
import { Label } from './Label';
import { STRINGS } from './i18n';
import type { LanguagePair } from './useLanguages';

/**
 * The patient app lives on the origin that serves this page (the server serves both), so the code needs
 * no configuration and follows the hospital's PUBLIC_URL wherever the display is pointed.
 */
export function JoinPanel({ pair }: { pair: LanguagePair }) {
  const url = `${window.location.origin}/`;
  return (
    <div className="join">
      <QrCode value={url} label={STRINGS[pair.primary].scanToJoin} />
      <div>
        <p className="join-text">
          <Label pair={pair} text={(s) => s.scanToJoin} />
        </p>
        <p className="join-url">{window.location.host}</p>
      </div>
    </div>
  );
}
