import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../../shared/api-client';
import { currentSubscription, subscribe, unsubscribe } from './subscription';
import { pushBlocker } from './support';
import { onSyncDone } from './sync';
import type { PushBlocker } from './support';

/** What to tell the patient after a tap; an ApiError is described (in their language) when shown. */
export type PushNotice = 'dismissed' | 'noWorker' | 'failed' | ApiError;

export interface PushApi {
  blocker: PushBlocker | null;
  /** null until this device's subscription has been looked up. */
  enabled: boolean | null;
  busy: boolean;
  notice: PushNotice | null;
  toggle(): Promise<void>;
}

/**
 * The push switch for this device. Permission is asked only inside toggle(), which runs from a tap:
 * browsers penalise (and patients dislike) a prompt that appears on its own.
 */
export function usePush(token: string, savePushPreference: (on: boolean) => Promise<void>): PushApi {
  const [blocker, setBlocker] = useState<PushBlocker | null>(pushBlocker);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<PushNotice | null>(null);

  useEffect(() => {
    if (blocker) return setEnabled(false);
    let cancelled = false;
    const read = () =>
      currentSubscription()
        .then((subscription) => {
          if (!cancelled) setEnabled(subscription !== null && Notification.permission === 'granted');
        })
        .catch(() => !cancelled && setEnabled(false));
    void read();
    // The app's sync may be making this device's subscription again as the page opens.
    const stopListening = onSyncDone(() => void read());
    return () => {
      cancelled = true;
      stopListening();
    };
  }, [blocker]);

  const turnOn = useCallback(async () => {
    if (!(await navigator.serviceWorker.getRegistration())) return setNotice('noWorker');
    const permission =
      Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (permission === 'denied') return setBlocker('denied');
    if (permission !== 'granted') return setNotice('dismissed');
    await subscribe(token);
    await savePushPreference(true);
    setEnabled(true);
  }, [token, savePushPreference]);

  const turnOff = useCallback(async () => {
    await unsubscribe(token);
    await savePushPreference(false);
    setEnabled(false);
  }, [token, savePushPreference]);

  const toggle = useCallback(async () => {
    setBusy(true);
    setNotice(null);
    try {
      await (enabled ? turnOff() : turnOn());
    } catch (error) {
      // Browser-side failures (no push service reachable) have no code worth showing.
      setNotice(error instanceof ApiError ? error : 'failed');
    } finally {
      setBusy(false);
    }
  }, [enabled, turnOn, turnOff]);

  return { blocker, enabled, busy, notice, toggle };
}
