import type { DesktopBridge } from '../../../shared/bridge';

declare global {
  /** package.json's version, written in by vite.config.ts's `define`; absent outside a Vite build. */
  const __QUEUEBELL_VERSION__: string;

  interface Window {
    /** Present only inside the Electron app, put there by the preload. */
    readonly queuebell?: DesktopBridge;
  }
}

export {};
