import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatient } from './data/context';
import { formatTime } from './format';
import { onUpdateReady, pendingUpdate } from './sw-register';

/** Says when what is on screen may be stale, and from when; silent while live. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { data, online, connection } = usePatient();
  if (online && connection !== 'down') return null;
  const time = data.updatedAt ? formatTime(data.updatedAt) : null;
  let text = t('offline.bannerNever');
  if (time) text = online ? t('offline.reconnecting', { time }) : t('offline.banner', { time });
  return (
    <p className="banner offline" role="status" data-testid="offline-banner">
      {text}
    </p>
  );
}

/** A new version of the app has been downloaded and waits for the patient's go-ahead. */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [reload, setReload] = useState(pendingUpdate);
  // The state holds a function, so it is set through an updater that returns it.
  useEffect(() => onUpdateReady(() => setReload(() => pendingUpdate())), []);
  if (!reload) return null;
  return (
    <p className="banner update" role="status">
      {t('app.updateReady')}{' '}
      <button type="button" className="link" onClick={reload}>
        {t('app.reload')}
      </button>
    </p>
  );
}
