import { useEffect, useState } from 'react';
import { DEFAULT_STAFF_IDLE_MINUTES } from '../../../shared/constants';
import { bridge } from './bridge';
import { consoleApi } from './console-api';
import { idleMinutesFrom, watchIdle } from './idle';
import type { Session } from './session';

/** The server's idle time if its /api/me answer names one (main keeps it for next time), else main's. */
async function serverIdleMinutes(session: Session): Promise<number | null> {
  try {
    const answer = await consoleApi({ baseUrl: session.serverUrl })('GET /api/me', { token: session.token });
    const minutes = idleMinutesFrom(answer);
    if (minutes !== null) await bridge.setIdleLockMinutes(minutes).catch(() => undefined);
    return minutes;
  } catch {
    // Offline or refused: the console's own failure handling says so; the kept time applies meanwhile.
    return null;
  }
}

/**
 * While `session` is signed in, calls `onIdle(session)` once after the idle time without input in this
 * window (idle.ts says why this window's input). Watching starts at once with the time main keeps;
 * the server's, when it names one, replaces it.
 */
export function useIdleLock(session: Session | null, onIdle: (session: Session) => void): void {
  const [minutes, setMinutes] = useState<number | null>(null);

  useEffect(() => {
    if (!session) return;
    let active = true;
    void bridge
      .getIdleLockMinutes()
      .catch(() => DEFAULT_STAFF_IDLE_MINUTES)
      .then((kept) => {
        if (active) setMinutes(kept);
        return serverIdleMinutes(session);
      })
      .then((fromServer) => {
        if (active && fromServer !== null) setMinutes(fromServer);
      });
    return () => {
      active = false;
    };
  }, [session]);

  useEffect(() => {
    if (!session || minutes === null) return;
    return watchIdle({
      idleMinutes: minutes,
      target: window,
      onIdle: () => onIdle(session),
      onActivity: () => void bridge.reportActivity().catch(() => undefined),
    });
  }, [session, minutes, onIdle]);
}
