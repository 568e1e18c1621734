import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerContext } from './handlers.js';
import type { TokenStore } from './token-store.js';

const electron = vi.hoisted(() => {
  const show = vi.fn();
  return {
    show,
    Notification: Object.assign(
      vi.fn(function () {
        return { show };
      }),
      { isSupported: () => true },
    ),
    screen: {
      getPrimaryDisplay: () => ({ id: 2 }),
      getAllDisplays: () => [
        { id: 1, label: '', size: { width: 1920, height: 1080 } },
        { id: 2, label: 'Built-in', size: { width: 1440, height: 900 } },
      ],
    },
  };
});
vi.mock('electron', () => electron);

const { createBridgeHandlers } = await import('./handlers.js');
const { createSettingsSaver, defaultSettings } = await import('./settings.js');

let workdir: string;
let settingsFile: string;
let context: HandlerContext;
const tokens: TokenStore = {
  save: vi.fn(async () => undefined),
  load: vi.fn(async () => null),
  clear: vi.fn(async () => undefined),
};

beforeEach(async () => {
  workdir = await mkdtemp(path.join(tmpdir(), 'queuebell-handlers-'));
  settingsFile = path.join(workdir, 'settings.json');
  const settings = defaultSettings();
  context = {
    settings,
    saveSettings: createSettingsSaver(settingsFile, settings),
    tokens,
    openKiosk: vi.fn(async () => undefined),
    setTrayCount: vi.fn(),
    onSettingsChanged: vi.fn(),
  };
});
afterEach(() => rm(workdir, { recursive: true, force: true }));

const savedSettings = async (): Promise<unknown> => JSON.parse(await readFile(settingsFile, 'utf8'));

describe('bridge handlers', () => {
  it('stores a valid server address as its origin, in memory and on disk', async () => {
    const handlers = createBridgeHandlers(context);
    await handlers.setServerUrl('https://queue.example.org/console/');
    expect(await handlers.getServerUrl()).toBe('https://queue.example.org');
    expect(await savedSettings()).toMatchObject({ serverUrl: 'https://queue.example.org' });
  });

  it('rejects server addresses that would send the token in clear or elsewhere', async () => {
    const handlers = createBridgeHandlers(context);
    for (const bad of ['http://10.1.2.3:8000', 'file:///etc', 'javascript:alert(1)', 42, undefined]) {
      await expect(handlers.setServerUrl(bad)).rejects.toThrow(TypeError);
    }
    expect(context.settings.serverUrl).toBeNull();
  });

  it('validates tokens, notifications, counts and display ids before acting', async () => {
    const handlers = createBridgeHandlers(context);
    await expect(handlers.saveToken('has space')).rejects.toThrow();
    await expect(handlers.saveToken({})).rejects.toThrow();
    await handlers.saveToken('abc.DEF-123_');
    expect(tokens.save).toHaveBeenCalledWith('abc.DEF-123_');

    await expect(handlers.notify('', 'body')).rejects.toThrow();
    await expect(handlers.notify('title', 'x'.repeat(1001))).rejects.toThrow();
    await handlers.notify('Queue opened', 'OPD is open');
    expect(electron.show).toHaveBeenCalledOnce();

    for (const bad of [-1, 1.5, 10_000, '3', Number.NaN]) {
      await expect(handlers.setTrayCount(bad)).rejects.toThrow();
    }
    expect(context.setTrayCount).not.toHaveBeenCalled();
    await handlers.setTrayCount(4);
    expect(context.setTrayCount).toHaveBeenCalledWith(4);

    await expect(handlers.openKiosk('1')).rejects.toThrow();
  });

  it('opens the kiosk only once a server is configured', async () => {
    const handlers = createBridgeHandlers(context);
    await expect(handlers.openKiosk()).rejects.toThrow(/server address/);
    context.settings.serverUrl = 'https://queue.example.org';
    await handlers.openKiosk(1);
    expect(context.openKiosk).toHaveBeenCalledWith('https://queue.example.org', 1);
  });

  it('remembers the kiosk screen and reuses it while it is attached', async () => {
    const handlers = createBridgeHandlers(context);
    context.settings.serverUrl = 'https://queue.example.org';
    await handlers.openKiosk(1);
    expect(context.settings.kioskDisplayId).toBe(1);
    expect(await savedSettings()).toMatchObject({ kioskDisplayId: 1 });
    expect(context.onSettingsChanged).toHaveBeenCalledOnce();

    await handlers.openKiosk();
    expect(context.openKiosk).toHaveBeenLastCalledWith('https://queue.example.org', 1);

    // The remembered screen was unplugged: the default (primary) display is used instead.
    context.settings.kioskDisplayId = 99;
    await handlers.openKiosk();
    expect(context.openKiosk).toHaveBeenLastCalledWith('https://queue.example.org', undefined);
  });

  it('lists displays with a label, the primary flag and the remembered kiosk screen', async () => {
    const handlers = createBridgeHandlers(context);
    context.settings.kioskDisplayId = 1;
    expect(await handlers.listDisplays()).toEqual([
      { id: 1, label: 'Display 1', primary: false, width: 1920, height: 1080, lastUsedForKiosk: true },
      { id: 2, label: 'Built-in', primary: true, width: 1440, height: 900, lastUsedForKiosk: false },
    ]);
  });
});
