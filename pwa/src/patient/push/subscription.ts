import type { PushSubscriptionBody } from '../../../../shared/notifications';
import { sameOriginApi } from '../../../../shared/api-client';

const api = sameOriginApi();
import { rememberPushWanted } from './wanted';

/** The VAPID key arrives base64url; PushManager wants its raw bytes. */
function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** This device's current subscription, if push is on here. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!('serviceWorker' in navigator)) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  return existing ? existing.pushManager.getSubscription() : null;
}

/**
 * Subscribes this device with the server's VAPID key and hands the subscription to the server.
 * The caller has already obtained permission, from a tap.
 */
export async function subscribe(token: string): Promise<void> {
  const { publicKey } = await api('GET /api/push/vapid-public-key');
  const ready = await navigator.serviceWorker.ready;
  const applicationServerKey = base64UrlToBytes(publicKey);
  let subscription = await ready.pushManager.getSubscription();
  // A subscription made under another key (the server's keys changed) cannot be used: replace it.
  const sameKey =
    subscription?.options.applicationServerKey &&
    new Uint8Array(subscription.options.applicationServerKey).every(
      (byte, i) => byte === applicationServerKey[i],
    );
  if (subscription && !sameKey) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  const body = subscription.toJSON() as PushSubscriptionBody;
  await api('POST /api/push/subscriptions', { token, body });
  rememberPushWanted(true);
}

/**
 * Removes this device's subscription from the server and the browser. The browser's goes even when the
 * server cannot be told: its push service then answers 410 and the server forgets the endpoint itself.
 */
export async function unsubscribe(token: string): Promise<void> {
  // First: whatever fails below, this device must not subscribe again on its own (a shared phone).
  rememberPushWanted(false);
  const subscription = await currentSubscription();
  if (!subscription) return;
  try {
    await api('DELETE /api/push/subscriptions', {
      token,
      body: { endpoint: subscription.endpoint },
    });
  } finally {
    await subscription.unsubscribe();
  }
}
