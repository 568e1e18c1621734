import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './errors';
import { bridge } from './bridge';
import { ConsoleShell } from './ConsoleShell';
import { forgetLockedSession, lockedFrom } from './lock';
import type { LockedSession } from './lock';
import { LockScreen } from './LockScreen';
import { OutdatedScreen, useOutdated } from './OutdatedScreen';
import { ServerForm } from './ServerForm';
import { restoreSession, signOut } from './session';
import type { Session } from './session';
import { SignInForm } from './SignInForm';
import { UpdateSettings } from './UpdateSettings';
import { useIdleLock } from './useIdleLock';
import { WardSettings } from './WardSettings';

type Screen =
  | { kind: 'loading' }
  | { kind: 'server'; current: string | null }
  | { kind: 'sign-in'; serverUrl: string; notice?: string }
  | { kind: 'console'; session: Session }
  | { kind: 'locked'; locked: LockedSession };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    async function start(): Promise<Screen> {
      const serverUrl = await bridge.getServerUrl();
      if (!serverUrl) return { kind: 'server', current: null };
      try {
        const session = await restoreSession(serverUrl);
        return session ? { kind: 'console', session } : { kind: 'sign-in', serverUrl };
      } catch (error) {
        return { kind: 'sign-in', serverUrl, notice: errorMessage(error) };
      }
    }
    void start().then((next) => {
      if (!cancelled) setScreen(next);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // The server stopped accepting the token (revoked, expired, signed out elsewhere): sign in again.
  const onSessionEnded = useCallback(() => {
    void bridge.clearToken().catch(() => undefined);
    setScreen((current) =>
      current.kind === 'console'
        ? {
            kind: 'sign-in',
            serverUrl: current.session.serverUrl,
            notice: 'Your session has ended. Sign in again.',
          }
        : current,
    );
  }, []);

  // Idle past the lock's time: the console (and every patient on it) goes, its token with it.
  const lock = useCallback((session: Session) => {
    setScreen({ kind: 'locked', locked: lockedFrom(session) });
    void forgetLockedSession(session);
  }, []);
  useIdleLock(screen.kind === 'console' ? screen.session : null, lock);

  // The server refuses this version (426): nothing else would work, so nothing else is shown.
  const outdated = useOutdated();
  if (outdated !== null) return <OutdatedScreen message={outdated} />;

  switch (screen.kind) {
    case 'loading':
      return <p aria-live="polite">Loading…</p>;
    case 'server':
      return (
        <main>
          <ServerForm current={screen.current} />
          <UpdateSettings />
          <WardSettings />
        </main>
      );
    case 'sign-in':
      return (
        <main>
          {screen.notice && (
            <p role="alert" className="error card-notice">
              {screen.notice}
            </p>
          )}
          <SignInForm
            serverUrl={screen.serverUrl}
            onSignedIn={(session) => setScreen({ kind: 'console', session })}
            onChangeServer={() => setScreen({ kind: 'server', current: screen.serverUrl })}
          />
        </main>
      );
    case 'locked':
      return (
        <main>
          <LockScreen
            locked={screen.locked}
            onUnlocked={(session) => setScreen({ kind: 'console', session })}
            onSignOut={() => setScreen({ kind: 'sign-in', serverUrl: screen.locked.serverUrl })}
          />
        </main>
      );
    case 'console':
      return (
        <ConsoleShell
          session={screen.session}
          onSessionEnded={onSessionEnded}
          onSignOut={() => {
            const { session } = screen;
            void signOut(session).finally(() => setScreen({ kind: 'sign-in', serverUrl: session.serverUrl }));
          }}
        />
      );
  }
}
