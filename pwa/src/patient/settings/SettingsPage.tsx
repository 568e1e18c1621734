import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatient } from '../data/context';
import { LanguageSelect } from '../LanguageSelect';
import { PageHeading } from '../PageHeading';
import { usePush } from '../push/usePush';
import type { PatientSession } from '../session';
import { usePreferences } from '../usePreferences';
import { useProfile } from '../useProfile';
import { ChannelChoices } from './ChannelChoices';
import { DataExport } from './DataExport';
import { DeleteAccount } from './DeleteAccount';
import { DepartmentPreferences } from './DepartmentPreferences';
import { InstallSection } from './InstallSection';
import { PasswordChange } from './PasswordChange';
import { PhoneField } from './PhoneField';
import { PushSwitch } from './PushSwitch';
import { ReachLine } from './ReachLine';
import { UpgradeForm } from './UpgradeForm';

interface Props {
  session: PatientSession;
  onSignOut(): void;
}

export function SettingsPage({ session, onSignOut }: Props) {
  const { t } = useTranslation();
  const { data, canAct } = usePatient();
  const { preferences, save, reload } = usePreferences(session.token);
  const profile = useProfile(session);
  // Opened as a guest: the upgrade form stays to say it worked once the account is no longer a guest.
  const [openedAsGuest] = useState(session.user.guest === true);
  const savePush = useCallback((push: boolean) => save({ push }), [save]);
  const push = usePush(session.token, savePush);
  const savePhone = useCallback(
    async (phone: string | null) => {
      await profile.save({ phone });
      // Removing the number turns SMS off on the server: show that.
      await reload();
    },
    [profile, reload],
  );

  return (
    <>
      <PageHeading>{t('settings.heading')}</PageHeading>
      <section aria-labelledby="notifications-heading" className="panel">
        <h3 id="notifications-heading">{t('settings.notifications')}</h3>
        <PushSwitch push={push} canAct={canAct} />
        <ReachLine push={push} preferences={preferences} phone={profile.user.phone} />
        <DepartmentPreferences queues={data.queues} preferences={preferences} canAct={canAct} save={save} />
      </section>
      <section aria-labelledby="contact-heading" className="panel">
        <h3 id="contact-heading">{t('contact.heading')}</h3>
        <PhoneField phone={profile.user.phone} canAct={canAct} save={savePhone} />
        {/* A guest has no email to choose: they may add one (and a password) below. */}
        {!profile.user.guest && (
          <ChannelChoices
            preferences={preferences}
            email={profile.user.email ?? ''}
            phone={profile.user.phone}
            canAct={canAct}
            save={save}
          />
        )}
      </section>
      <section aria-labelledby="install-heading" className="panel">
        <h3 id="install-heading">{t('install.heading')}</h3>
        <InstallSection />
      </section>
      <section aria-labelledby="account-heading" className="panel">
        <h3 id="account-heading">{t('settings.account')}</h3>
        <p>{t('auth.signedInAs', { name: session.user.name })}</p>
        {(profile.user.guest || openedAsGuest) && (
          <UpgradeForm token={session.token} canAct={canAct} onUpgraded={profile.replace} />
        )}
        {/* The account keeps the choice too; offline it applies on this device only. */}
        <LanguageSelect
          hint={t('settings.languageHint')}
          onChange={(locale) => void save({ locale }).catch(() => undefined)}
        />
        <button type="button" className="secondary" onClick={onSignOut}>
          {t('auth.signOut')}
        </button>
        <PasswordChange token={session.token} canAct={canAct} />
        <DataExport token={session.token} canAct={canAct} />
        {/* Gone from the server: signing out then only makes the device forget it (its calls fail quietly). */}
        <DeleteAccount token={session.token} canAct={canAct} onDeleted={onSignOut} />
      </section>
    </>
  );
}
