import { useEffect } from 'react';
import { SW_MESSAGES } from '../../sw-messages';
import { currentSubscription, subscribe } from './subscription';
import { pushWanted } from './wanted';
import { onWorkerMessage } from '../worker-messages';

/**
 * Makes the server hold this device's current subscription. Browsers replace or drop subscriptions on
 * their own (`pushsubscriptionchange`), and the service worker, which holds no token, cannot tell the
 * server; so the signed-in app does, when it opens and when the worker says the subscription changed.
 * Posting is idempotent by endpoint. It never asks for permission: it runs only where it was granted.
 */
export function syncSubscription(token: string): Promise<void> {
  return syncNow(token).finally(() => listeners.forEach((listener) => listener()));
}

const listeners = new Set<() => void>();

/** Calls `listener` after every sync: the push switch then reads this device's state again. */
export function onSyncDone(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

async function syncNow(token: string): Promise<void> {
  if (!('serviceWorker' in navigator) || !('Notification' in window)) return;
  if (Notification.permission !== 'granted') return;
  const existing = await currentSubscription();
  if (!existing && !pushWanted()) return;
  await subscribe(token);
}

/** Runs syncSubscription when the signed-in app opens and whenever the service worker asks. */
export function usePushSync(token: string): void {
  useEffect(() => {
    // Offline or a server hiccup: the next opening tries again; nothing to tell the patient.
    const sync = () => void syncSubscription(token).catch(() => undefined);
    sync();
    return onWorkerMessage(SW_MESSAGES.subscriptionChanged, sync);
  }, [token]);
}
