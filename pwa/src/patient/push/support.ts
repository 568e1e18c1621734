import { isIos, isStandalone } from '../platform';

/** Why push cannot be turned on here; each has its own explanation and fix on screen. */
export type PushBlocker = 'ios-home-screen' | 'unsupported' | 'denied';

/**
 * What stands in the way of web push on this device, or null when a tap on the switch can turn it on.
 * iOS exposes PushManager only to web apps opened from the home screen, so its fix differs.
 */
export function pushBlocker(): PushBlocker | null {
  const hasApis = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  if (!hasApis) return isIos() && !isStandalone() ? 'ios-home-screen' : 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return null;
}
