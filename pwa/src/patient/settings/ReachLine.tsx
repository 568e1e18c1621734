import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../../../shared/schemas';
import type { PushApi } from '../push/usePush';

interface Props {
  push: Pick<PushApi, 'blocker' | 'enabled'>;
  preferences: Preferences | null;
  phone: string | null;
}

const FALLBACK_TEXT = { sms: 'reach.sms', email: 'reach.email', none: 'reach.none' } as const;

/** The channel the server falls back on for a call, in the order it tries them: SMS, then email. */
function fallbackOf(preferences: Preferences, phone: string | null): 'sms' | 'email' | 'none' {
  if (preferences.sms && phone) return 'sms';
  if (preferences.email) return 'email';
  return 'none';
}

/**
 * When this device will not show notifications (push off, or not possible here), says plainly how
 * the patient will hear that it is their turn instead. Nothing while push works or is being looked up.
 */
export function ReachLine({ push, preferences, phone }: Props) {
  const { t } = useTranslation();
  if (!preferences || (push.blocker === null && push.enabled !== false)) return null;
  const lead = push.blocker === null ? t('reach.off') : t('reach.unavailable');
  return (
    <p className="notice" data-testid="reach-line">
      {lead} {t(FALLBACK_TEXT[fallbackOf(preferences, phone)])}
    </p>
  );
}
