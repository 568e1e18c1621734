import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { BRIDGE_CHANNEL_PREFIX, BRIDGE_EVENT_CHANNEL_PREFIX, BRIDGE_METHODS } from '../../shared/bridge.js';
import type { BridgeEvent, BridgeEventPayload, BridgeMethod, DesktopBridge } from '../../shared/bridge.js';
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

/**
 * Sends one bridge event to the console window. Only while it shows the console itself: the same
 * rule as for calls, so nothing is told to a page that a bug let the window reach. Returns whether sent.
 */
export function sendToConsole<K extends BridgeEvent>(
  contents: WebContents,
  event: K,
  ...payload: BridgeEventPayload<K>
): boolean {
  if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return false;
  contents.send(`${BRIDGE_EVENT_CHANNEL_PREFIX}${event}`, ...payload);
  return true;
}
