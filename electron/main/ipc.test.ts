import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNEL_PREFIX, BRIDGE_METHODS } from '../../shared/bridge.js';
import type { BridgeHandlers } from './ipc.js';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const electron = vi.hoisted(() => ({
  ipcMain: { handle: vi.fn<(channel: string, listener: InvokeListener) => void>() },
}));
vi.mock('electron', () => electron);

const { isTrustedSender, registerBridgeHandlers } = await import('./ipc.js');

const handlers: BridgeHandlers = {
  getServerUrl: vi.fn(async () => 'https://queue.example.org'),
  setServerUrl: vi.fn(async () => undefined),
  saveToken: vi.fn(async () => undefined),
  loadToken: vi.fn(async () => 'token'),
  clearToken: vi.fn(async () => undefined),
  openKiosk: vi.fn(async () => undefined),
  notify: vi.fn(async () => undefined),
  setTrayCount: vi.fn(async () => undefined),
  listDisplays: vi.fn(async () => []),
};
registerBridgeHandlers(handlers);

function listenerFor(method: string): InvokeListener {
  const call = electron.ipcMain.handle.mock.calls.find(
    ([channel]) => channel === `${BRIDGE_CHANNEL_PREFIX}${method}`,
  );
  if (!call) throw new Error(`no handler for ${method}`);
  return call[1];
}

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function eventFrom(frame: FakeFrame | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const consoleFrame: FakeFrame = { url: 'app://queuebell/console/index.html', parent: null };

describe('bridge IPC handlers', () => {
  it('registers one channel per bridge method', () => {
    const channels = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels).toEqual(BRIDGE_METHODS.map((method) => `${BRIDGE_CHANNEL_PREFIX}${method}`));
  });

  it('passes calls from the console frame through with their arguments', async () => {
    await listenerFor('notify')(eventFrom(consoleFrame), 'Queue opened', 'OPD is open');
    expect(handlers.notify).toHaveBeenCalledWith('Queue opened', 'OPD is open');
    await expect(listenerFor('getServerUrl')(eventFrom(consoleFrame))).resolves.toBe(
      'https://queue.example.org',
    );
  });

  it.each([
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['the server-hosted kiosk', { url: 'https://queue.example.org/kiosk', parent: null }],
    ['a file: page', { url: 'file:///tmp/x.html', parent: null }],
    ['another app:// host', { url: 'app://other/console/index.html', parent: null }],
    ['an iframe inside the console', { url: 'app://queuebell/console/frame.html', parent: consoleFrame }],
  ])('rejects %s', (_name, frame: FakeFrame) => {
    for (const method of BRIDGE_METHODS) {
      expect(() => listenerFor(method)(eventFrom(frame), 'x')).toThrow(/not the Queuebell console/);
    }
    expect(handlers.saveToken).not.toHaveBeenCalled();
    expect(handlers.loadToken).not.toHaveBeenCalled();
  });

  it('rejects a sender whose frame is gone', () => {
    expect(isTrustedSender(eventFrom(null))).toBe(false);
    expect(() => listenerFor('loadToken')(eventFrom(null))).toThrow();
  });
});
