import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNEL_PREFIX, BRIDGE_EVENT_CHANNEL_PREFIX, BRIDGE_METHODS } from '../../shared/bridge.js';
import type { BridgeHandlers } from './ipc.js';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const electron = vi.hoisted(() => ({
  ipcMain: { handle: vi.fn<(channel: string, listener: InvokeListener) => void>() },
}));
vi.mock('electron', () => electron);

const { isTrustedSender, registerBridgeHandlers, sendToConsole } = await import('./ipc.js');

const handlers: BridgeHandlers = {
  getServerUrl: vi.fn(async () => 'https://queue.example.org'),
  setServerUrl: vi.fn(async () => undefined),
  saveToken: vi.fn(async () => undefined),
  loadToken: vi.fn(async () => 'token'),
  clearToken: vi.fn(async () => undefined),
  getIdleLockMinutes: vi.fn(async () => 15),
  setIdleLockMinutes: vi.fn(async () => undefined),
  reportActivity: vi.fn(async () => undefined),
  getWardSettings: vi.fn(async () => ({ contentProtection: false, certificatePin: null })),
  setContentProtection: vi.fn(async () => undefined),
  setCertificatePin: vi.fn(async () => undefined),
  openKiosk: vi.fn(async () => undefined),
  closeKiosk: vi.fn(async () => undefined),
  notify: vi.fn(async () => undefined),
  setTrayCount: vi.fn(async () => undefined),
  listDisplays: vi.fn(async () => []),
  getUpdateUrl: vi.fn(async () => null),
  setUpdateUrl: vi.fn(async () => undefined),
  getReadyUpdate: vi.fn(async () => null),
  installUpdate: vi.fn(async () => undefined),
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

describe('bridge events', () => {
  function contentsAt(url: string, destroyed = false) {
    const send = vi.fn();
    const contents = { isDestroyed: () => destroyed, getURL: () => url, send };
    return { send, contents: contents as unknown as WebContents };
  }

  it('sends an event on its own channel to the console page', () => {
    const { send, contents } = contentsAt('app://queuebell/console/index.html');
    expect(sendToConsole(contents, 'onUpdateReady', '1.2.0')).toBe(true);
    expect(send).toHaveBeenCalledExactlyOnceWith(`${BRIDGE_EVENT_CHANNEL_PREFIX}onUpdateReady`, '1.2.0');
  });

  it('tells nothing to another page or a closed window', () => {
    for (const [url, destroyed] of [
      ['https://evil.example/', false],
      ['app://queuebell/console/index.html', true],
    ] as const) {
      const { send, contents } = contentsAt(url, destroyed);
      expect(sendToConsole(contents, 'onUpdateReady', '1.2.0')).toBe(false);
      expect(send).not.toHaveBeenCalled();
    }
  });
});
