import { Workbox } from 'workbox-window';

type Listener = () => void;
let updateReady: (() => void) | null = null;
const listeners = new Set<Listener>();

/**
 * Registers pwa/sw.ts (built to /sw.js). A new version waits until the patient agrees to reload, so a
 * page never swaps code under someone reading their ticket; onUpdateReady tells the banner.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => {
    updateReady = () => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    };
    listeners.forEach((listener) => listener());
  });
  void workbox.register();
}

export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The reload action once an update waits, else null. */
export function pendingUpdate(): (() => void) | null {
  return updateReady;
}
