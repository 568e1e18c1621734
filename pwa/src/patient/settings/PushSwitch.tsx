import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';
import { usePush } from '../push/usePush';
import type { PushNotice } from '../push/usePush';
import type { PushBlocker } from '../push/support';

interface Props {
  token: string;
  canAct: boolean;
  savePushPreference(on: boolean): Promise<void>;
}

const BLOCKER_TEXT = {
  'ios-home-screen': 'push.iosHomeScreen',
  unsupported: 'push.unsupported',
  denied: 'push.denied',
} as const;

export function PushSwitch({ token, canAct, savePushPreference }: Props) {
  const { t } = useTranslation();
  const { blocker, enabled, busy, notice, toggle } = usePush(token, savePushPreference);
  const labelId = useId();
  const stateId = useId();

  const describe = (value: PushNotice): string =>
    typeof value === 'string' ? t(`push.${value}`) : describeError(value);
  const blockerText = (value: PushBlocker): string => t(BLOCKER_TEXT[value]);

  return (
    <div className="field push-switch">
      <div className="switch-row">
        <span id={labelId}>{t('push.label')}</span>
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={enabled === true}
          aria-labelledby={labelId}
          aria-describedby={stateId}
          disabled={blocker !== null || enabled === null || busy || !canAct}
          onClick={() => void toggle()}
        >
          <span className="switch-thumb" aria-hidden="true" />
        </button>
      </div>
      <p id={stateId} className="detail" aria-live="polite">
        {busy ? t('push.working') : enabled ? t('push.on') : t('push.off')}
      </p>
      {blocker && (
        <p className="notice" data-testid="push-blocker">
          {blockerText(blocker)}
        </p>
      )}
      {notice && (
        <p role="alert" className="notice">
          {describe(notice)}
        </p>
      )}
    </div>
  );
}
