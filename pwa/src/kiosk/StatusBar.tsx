import { STRINGS } from './i18n';
import { Label } from './Label';
import { formatTime } from './time';
import type { LanguagePair } from './useLanguages';

/** Past this without a word from the server the data is called stale, even if the socket has not noticed. */
export const STALE_AFTER_MS = 60_000;

interface StatusBarProps {
  pair: LanguagePair;
  now: number;
  live: boolean;
  lastContactAt: number | null;
}

/**
 * The clock, the heartbeat (seconds since the server was last heard from; it beats on each contact) and,
 * whenever the board may be out of date, the marker saying which moment it shows.
 */
export function StatusBar({ pair, now, live, lastContactAt }: StatusBarProps) {
  const age = lastContactAt === null ? null : Math.max(0, Math.round((now - lastContactAt) / 1_000));
  const fresh = live && age !== null && age * 1_000 < STALE_AFTER_MS;
  const shownTime = lastContactAt === null ? null : formatTime(lastContactAt);

  return (
    <header className="kiosk-header">
      <h1 className="brand">
        <span className="brand-name">Queuebell</span>
        <Label pair={pair} text={(s) => s.waitingRoom} />
      </h1>
      {!fresh && shownTime && (
        <p className="connection-lost" role="status" data-testid="connection-lost">
          <span>{STRINGS[pair.primary].connectionLost(shownTime)}</span>
          {pair.secondary && (
            <span lang={pair.secondary}>{STRINGS[pair.secondary].connectionLost(shownTime)}</span>
          )}
        </p>
      )}
      <div className="heartbeat" data-fresh={fresh} data-testid="heartbeat">
        {/* Keyed on the contact time: each contact remounts the dot and replays its beat. */}
        <span key={lastContactAt ?? 0} className="heartbeat-dot" aria-hidden="true" />
        <span>
          {fresh ? `${STRINGS[pair.primary].live} · ${age ?? 0} s` : STRINGS[pair.primary].connecting}
        </span>
      </div>
      <time className="clock" dateTime={new Date(now).toISOString()}>
        {formatTime(now)}
      </time>
    </header>
  );
}
