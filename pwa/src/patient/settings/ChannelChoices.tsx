import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../../../shared/schemas';
import { describeError } from '../errors';
import { ChannelSwitch } from './ChannelSwitch';

interface Props {
  preferences: Preferences | null;
  email: string;
  /** The saved phone: SMS cannot be turned on without one. */
  phone: string | null;
  canAct: boolean;
  save(change: Partial<Preferences>): Promise<void>;
}

/** Email and SMS on or off, each with what it means; a switch saves as soon as it is tapped. */
export function ChannelChoices({ preferences, email, phone, canAct, save }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function change(choice: Pick<Partial<Preferences>, 'email' | 'sms'>) {
    setBusy(true);
    setFailure(null);
    try {
      await save(choice);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const unavailable = !preferences || !canAct || busy;
  const smsOn = preferences?.sms === true;
  return (
    <>
      <ChannelSwitch
        label={t('contact.emailLabel')}
        meaning={t('contact.emailMeaning', { email })}
        checked={preferences?.email === true}
        disabled={unavailable}
        onToggle={() => void change({ email: !preferences?.email })}
      />
      <ChannelSwitch
        label={t('contact.smsLabel')}
        meaning={t('contact.smsMeaning')}
        checked={smsOn}
        // Turning SMS off never needs a phone; turning it on does.
        disabled={unavailable || (!phone && !smsOn)}
        hint={phone ? null : t('contact.smsNeedsPhone')}
        onToggle={() => void change({ sms: !smsOn })}
      />
      {failure !== null && (
        <p role="alert" className="error">
          {describeError(failure)}
        </p>
      )}
    </>
  );
}
