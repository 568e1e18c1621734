import { useCallback, useEffect, useState } from 'react';
import { isStandalone } from './platform';

/** Chromium's install event; not in TypeScript's DOM library because it is not standardised. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * The browser fires beforeinstallprompt once, possibly before React renders, so it is caught at module
 * load and kept; the hook hands it to whichever screen shows the install button.
 */
let deferred: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  deferred = event as BeforeInstallPromptEvent;
  notify();
});
window.addEventListener('appinstalled', () => {
  deferred = null;
  notify();
});

export interface InstallApi {
  /** The browser offers installation now: show the button. */
  canPrompt: boolean;
  installed: boolean;
  install(): Promise<void>;
}

export function useInstallPrompt(): InstallApi {
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);

  const install = useCallback(async () => {
    const event = deferred;
    if (!event) return;
    await event.prompt();
    await event.userChoice;
    // An event prompts once; after a refusal the browser may send a fresh one later.
    deferred = null;
    notify();
  }, []);

  return { canPrompt: deferred !== null, installed: isStandalone(), install };
}
