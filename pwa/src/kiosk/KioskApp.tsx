import { useEffect, useMemo } from 'react';
import type { CSSProperties } from 'react';
import { readConfig } from './config';
import { DepartmentCard } from './DepartmentCard';
import { STRINGS } from './i18n';
import { JoinPanel } from './JoinPanel';
import { Label } from './Label';
import { SoundControls } from './SoundControls';
import { StatusBar } from './StatusBar';
import { useFeed } from './useFeed';
import { useLanguages } from './useLanguages';
import { useNow } from './useNow';
import { useSound } from './useSound';

/** Columns for n departments, so that any number fits the screen without scrolling. */
function columns(count: number, portrait: boolean): number {
  if (portrait) return count <= 3 ? 1 : 2;
  return count <= 4 ? Math.max(count, 1) : Math.ceil(count / 2);
}

/** The waiting-room display: `/kiosk?departments=OPD,LAB&lang=en,es&sound=voice|chime|mute`. */
export function KioskApp() {
  const config = useMemo(() => readConfig(window.location.search), []);
  const { feed, state } = useFeed(config.departments);
  const sound = useSound(config, feed);
  const pair = useLanguages(config.languages);
  const now = useNow();
  const { enabled, enable, mode } = sound;

  useEffect(() => {
    document.documentElement.lang = pair.primary;
  }, [pair.primary]);

  // Any tap anywhere enables sound: on a wall-mounted touch screen the banner is not the only target.
  const needsTap = !enabled && mode !== 'mute';
  useEffect(() => {
    if (!needsTap) return;
    window.addEventListener('pointerdown', enable);
    return () => window.removeEventListener('pointerdown', enable);
  }, [needsTap, enable]);

  const statuses = state.statuses;
  const count = statuses?.length ?? 0;
  const layout: CSSProperties & Record<`--${string}`, number> = {
    '--columns-landscape': columns(count, false),
    '--columns-portrait': columns(count, true),
  };

  return (
    <div className="kiosk" data-live={state.live} data-sound={mode} data-sound-enabled={enabled}>
      <StatusBar pair={pair} now={now} live={state.live} lastContactAt={state.lastContactAt} />
      <main className="departments" style={layout}>
        {statuses === null && <p className="kiosk-message">{STRINGS[pair.primary].connecting}</p>}
        {statuses?.length === 0 && (
          <p className="kiosk-message">
            <Label pair={pair} text={(s) => s.noDepartments} />
          </p>
        )}
        {statuses?.map((status) => (
          <DepartmentCard
            key={status.department}
            status={status}
            calls={state.calls[status.department] ?? []}
            pair={pair}
            now={now}
          />
        ))}
      </main>
      <aside className="side">
        <JoinPanel pair={pair} />
        <div className="sound">
          {needsTap && (
            <button type="button" className="tap-for-sound" onClick={enable}>
              <Label pair={pair} text={(s) => s.tapForSound} />
            </button>
          )}
          <SoundControls language={pair.primary} mode={mode} onChange={sound.setMode} />
        </div>
      </aside>
    </div>
  );
}
