import { useTranslation } from 'react-i18next';
import { usePatient } from './data/context';
import { HomePage } from './home/HomePage';
import { InboxPage } from './inbox/InboxPage';
import { Nav } from './Nav';
import { usePushSync } from './push/sync';
import type { PatientSession } from './session';
import { SettingsPage } from './settings/SettingsPage';
import { ConnectionBanner, UpdateBanner } from './StatusBanner';
import { useRoute } from './useRoute';

interface Props {
  session: PatientSession;
  focusId: number | null;
  onSignOut(): void;
}

export function SignedInApp({ session, focusId, onSignOut }: Props) {
  const { t } = useTranslation();
  const [route] = useRoute();
  const { data, connection } = usePatient();
  usePushSync(session.token);
  const unread = data.notifications.filter((item) => item.readAt === null).length;

  return (
    <>
      <header className="app-header">
        <h1>{t('app.name')}</h1>
        <Nav route={route} unread={unread} />
      </header>
      <ConnectionBanner />
      <UpdateBanner />
      {/* data-connection: for tests and support staff, whether the live connection is up. */}
      <main id="main" tabIndex={-1} data-connection={connection}>
        {route === 'home' && <HomePage />}
        {route === 'inbox' && <InboxPage key={focusId ?? 'inbox'} focusId={focusId} />}
        {route === 'settings' && <SettingsPage session={session} onSignOut={onSignOut} />}
      </main>
    </>
  );
}
