import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';
import type { PushApi, PushNotice } from '../push/usePush';
import type { PushBlocker } from '../push/support';

interface Props {
  /** This device's push state; the settings page holds it, as the line on other channels reads it too. */
  push: PushApi;
  canAct: boolean;
}

const BLOCKER_TEXT = {
  'ios-home-screen': 'push.iosHomeScreen',
  unsupported: 'push.unsupported',
  denied: 'push.denied',
} as const;

export function PushSwitch({ push, canAct }: Props) {
  const { t } = useTranslation();
  const { blocker, enabled, busy, notice, toggle } = push;
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
