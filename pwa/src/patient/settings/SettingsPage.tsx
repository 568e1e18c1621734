import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatient } from '../data/context';
import { LanguageSelect } from '../LanguageSelect';
import { PageHeading } from '../PageHeading';
import type { PatientSession } from '../session';
import { usePreferences } from '../usePreferences';
import { DepartmentPreferences } from './DepartmentPreferences';
import { InstallSection } from './InstallSection';
import { PushSwitch } from './PushSwitch';

interface Props {
  session: PatientSession;
  onSignOut(): void;
}

export function SettingsPage({ session, onSignOut }: Props) {
  const { t } = useTranslation();
  const { data, canAct } = usePatient();
  const { preferences, save } = usePreferences(session.token);
  const savePush = useCallback((push: boolean) => save({ push }), [save]);

  return (
    <>
      <PageHeading>{t('settings.heading')}</PageHeading>
      <section aria-labelledby="notifications-heading" className="panel">
        <h3 id="notifications-heading">{t('settings.notifications')}</h3>
        <PushSwitch token={session.token} canAct={canAct} savePushPreference={savePush} />
        <DepartmentPreferences queues={data.queues} preferences={preferences} canAct={canAct} save={save} />
      </section>
      <section aria-labelledby="install-heading" className="panel">
        <h3 id="install-heading">{t('install.heading')}</h3>
        <InstallSection />
      </section>
      <section aria-labelledby="account-heading" className="panel">
        <h3 id="account-heading">{t('settings.account')}</h3>
        <p>{t('auth.signedInAs', { name: session.user.name })}</p>
        {/* The account keeps the choice too; offline it applies on this device only. */}
        <LanguageSelect
          hint={t('settings.languageHint')}
          onChange={(locale) => void save({ locale }).catch(() => undefined)}
        />
        <button type="button" className="secondary" onClick={onSignOut}>
          {t('auth.signOut')}
        </button>
      </section>
    </>
  );
}
