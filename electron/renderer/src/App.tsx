import { useCallback, useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors';
import { bridge } from './bridge';
import { ConsoleShell } from './ConsoleShell';
import type { Wording } from './i18n';
import { LanguagePicker } from './LanguagePicker';
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
  | { kind: 'sign-in'; serverUrl: string; notice?: Wording }
  | { kind: 'console'; session: Session }
  | { kind: 'locked'; locked: LockedSession };

export function App() {
  // Here at the root, so that a language switch renders every screen again.
  const { t } = useTranslation();
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
        return { kind: 'sign-in', serverUrl, notice: () => errorMessage(error) };
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
            notice: () => i18next.t('app.sessionEnded'),
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
      return <p aria-live="polite">{t('app.loading')}</p>;
    case 'server':
      return (
        <main>
          <LanguagePicker />
          <ServerForm current={screen.current} />
          <UpdateSettings />
          <WardSettings />
        </main>
      );
    case 'sign-in':
      return (
        <main>
          {/* First, so a nurse who cannot read the current language finds theirs before anything else. */}
          <LanguagePicker />
          {screen.notice && (
            <p role="alert" className="error card-notice">
              {screen.notice()}
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
