import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthForm } from './AuthForm';
import { ForgotPassword } from './ForgotPassword';
import { ResetPage, takeResetToken } from './ResetPage';
import { clearData } from './data/cache';
import { PatientDataProvider } from './data/context';
import { reconcileLanguage } from './language';
import { LanguageSelect } from './LanguageSelect';
import { unsubscribe } from './push/subscription';
import { joinTarget, savedSession, signOut, verifySession } from './session';
import { GuestForm } from './GuestForm';
import type { PatientSession } from './session';
import { SignedInApp } from './SignedInApp';
import { SW_MESSAGES } from '../sw-messages';
import { takeNotificationParam } from './useRoute';
import { onWorkerMessage } from './worker-messages';

/** The emailed reset link opens the app at `/reset?token=…`, signed in or not. */
export function PatientApp() {
  const [resetToken] = useState(takeResetToken);
  return resetToken === null ? <PatientShell /> : <ResetPage token={resetToken} />;
}

function PatientShell() {
  const { t } = useTranslation();
  const [session, setSession] = useState<PatientSession | null>(savedSession);
  const [expired, setExpired] = useState(false);
  const [focusId, setFocusId] = useState<number | null>(takeNotificationParam);
  // Opened from the kiosk's code: the department to join once signed in.
  const [joinDepartment] = useState<string | null>(joinTarget);

  const endSession = useCallback(() => {
    setExpired(true);
    setSession(null);
  }, []);

  // The saved session opens the app at once (offline too); the server confirms it in the background.
  const token = session?.token;
  useEffect(() => {
    const saved = savedSession();
    if (!token || !saved) return;
    verifySession(saved)
      .then((fresh) => (fresh ? setSession(fresh) : endSession()))
      .catch(() => undefined);
  }, [token, endSession]);

  useNotificationTaps(setFocusId);

  // A shared phone must not keep receiving the previous patient's pushes or showing their data. The
  // cache is cleared after the signed-in tree (and its socket) is gone, so nothing writes it again.
  const signedOutUser = useRef<number | null>(null);
  useEffect(() => {
    if (session !== null || signedOutUser.current === null) return;
    clearData(signedOutUser.current);
    signedOutUser.current = null;
  }, [session]);

  async function handleSignOut(current: PatientSession) {
    await unsubscribe(current.token).catch(() => undefined);
    await signOut(current);
    signedOutUser.current = current.user.id;
    setSession(null);
  }

  function handleAuthenticated(fresh: PatientSession) {
    setExpired(false);
    setSession(fresh);
    void reconcileLanguage(fresh);
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {session ? (
        <PatientDataProvider session={session} onRefused={endSession}>
          <SignedInApp
            session={session}
            focusId={focusId}
            joinDepartment={joinDepartment}
            onSignOut={() => void handleSignOut(session)}
          />
        </PatientDataProvider>
      ) : (
        <SignedOut expired={expired} joinDepartment={joinDepartment} onAuthenticated={handleAuthenticated} />
      )}
    </>
  );
}

/** A tap on a system notification while the app is open arrives from the service worker. */
function useNotificationTaps(focus: (id: number) => void) {
  useEffect(
    () =>
      onWorkerMessage(SW_MESSAGES.openNotification, ({ id }) => {
        if (typeof id !== 'number') return;
        focus(id);
        window.location.hash = '#/inbox';
      }),
    [focus],
  );
}

function SignedOut(props: {
  expired: boolean;
  joinDepartment: string | null;
  onAuthenticated(session: PatientSession): void;
}) {
  const { t } = useTranslation();
  const [forgot, setForgot] = useState(false);
  return (
    <>
      <header className="app-header">
        <h1>{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </header>
      <main id="main" tabIndex={-1}>
        {props.expired && (
          <p role="status" className="notice">
            {t('errors.sessionExpired')}
          </p>
        )}
        {/* First, so a patient who cannot read the current language finds theirs before anything else. */}
        <LanguageSelect />
        {forgot ? (
          <ForgotPassword onBack={() => setForgot(false)} />
        ) : (
          <>
            {/* From the kiosk's code: a ticket at once as a guest, beside signing in. */}
            {props.joinDepartment && (
              <GuestForm department={props.joinDepartment} onAuthenticated={props.onAuthenticated} />
            )}
            <AuthForm onAuthenticated={props.onAuthenticated} />
            <button type="button" className="link" onClick={() => setForgot(true)}>
              {t('account.forgot')}
            </button>
          </>
        )}
      </main>
    </>
  );
}
