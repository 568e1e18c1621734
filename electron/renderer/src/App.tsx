import { useCallback, useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors';
import { bridge } from './bridge';
import { ConsoleShell } from './ConsoleShell';
import type { Wording } from './i18n';
import { LanguagePicker } from './LanguagePicker';
import { ServerForm } from './ServerForm';
import { restoreSession, signOut } from './session';
import type { Session } from './session';
import { SignInForm } from './SignInForm';
import { UpdateSettings } from './UpdateSettings';

type Screen =
  | { kind: 'loading' }
  | { kind: 'server'; current: string | null }
  | { kind: 'sign-in'; serverUrl: string; notice?: Wording }
  | { kind: 'console'; session: Session };

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

  switch (screen.kind) {
    case 'loading':
      return <p aria-live="polite">{t('app.loading')}</p>;
    case 'server':
      return (
        <main>
          <LanguagePicker />
          <ServerForm current={screen.current} />
          <UpdateSettings />
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
