import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { BRIDGE_CHANNEL_PREFIX, BRIDGE_METHODS } from '../../shared/bridge.js';
import type { BridgeMethod, DesktopBridge } from '../../shared/bridge.js';
import { isAppUrl } from './policy.js';

/**
 * One handler per bridge method. Arguments arrive as `unknown`: the renderer is untrusted, so each
 * handler checks what it is given instead of relying on the preload's types.
 */
export type BridgeHandlers = {
  [K in BridgeMethod]: (...args: unknown[]) => ReturnType<DesktopBridge[K]>;
};

/**
 * Only the console's own top-level frame may call the bridge: not an iframe, not a page that a bug
 * let the window navigate to, not the kiosk (which loads remote content and has no preload anyway).
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export function registerBridgeHandlers(handlers: BridgeHandlers): void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(`${BRIDGE_CHANNEL_PREFIX}${method}`, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event))
        throw new Error(`Refused ${method}: the sender is not the Queuebell console`);
      return handlers[method](...args);
    });
  }
}
