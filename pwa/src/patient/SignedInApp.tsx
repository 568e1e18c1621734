import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PushOffer } from './home/PushOffer';
import { useJoinOnArrival } from './useJoinOnArrival';
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
  /** Opened at `/join/<DEPT>`: join it at once, then offer push. */
  joinDepartment: string | null;
  onSignOut(): void;
}

export function SignedInApp({ session, focusId, joinDepartment, onSignOut }: Props) {
  const { t } = useTranslation();
  const [route] = useRoute();
  const { data, connection } = usePatient();
  usePushSync(session.token);
  const [offerPush, setOfferPush] = useState(false);
  useJoinOnArrival(
    joinDepartment,
    useCallback(() => setOfferPush(true), []),
  );
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
        {route === 'home' && (
          <HomePage
            token={session.token}
            pushOffer={offerPush ? <PushOffer token={session.token} /> : undefined}
          />
        )}
        {route === 'inbox' && <InboxPage key={focusId ?? 'inbox'} focusId={focusId} />}
        {route === 'settings' && <SettingsPage session={session} onSignOut={onSignOut} />}
      </main>
    </>
  );
}
