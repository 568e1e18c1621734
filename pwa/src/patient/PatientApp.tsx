import { useEffect, useState } from 'react';
import { AuthForm } from './AuthForm';
import { DepartmentList } from './DepartmentList';
import { restoreSession, signOut } from './session';
import type { PatientSession } from './session';

export function PatientApp() {
  const [session, setSession] = useState<PatientSession | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    void restoreSession().then((restored) => {
      if (!cancelled) setSession(restored);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <>
      <header className="app-header">
        <h1>Queuebell</h1>
        {session && (
          <p>
            Signed in as {session.user.name}{' '}
            <button
              type="button"
              className="link"
              onClick={() => void signOut(session).then(() => setSession(null))}
            >
              Sign out
            </button>
          </p>
        )}
      </header>
      <main>
        {session === null && <AuthForm onAuthenticated={setSession} />}
        <DepartmentList />
      </main>
    </>
  );
}
