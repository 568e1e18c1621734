import type { DesktopBridge } from '../../../shared/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron app, put there by the preload. */
    readonly queuebell?: DesktopBridge;
  }
}

export {};
