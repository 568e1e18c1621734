import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerContext } from './handlers.js';
import type { TokenStore } from './token-store.js';
import type { Updates } from './updates.js';

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
let updates: { [K in keyof Updates]: ReturnType<typeof vi.fn<Updates[K]>> };
/** The handlers' clock: tests move it to make the console idle. */
let now = 1_760_000_000_000;
const MINUTE = 60_000;

beforeEach(async () => {
  vi.clearAllMocks();
  now = 1_760_000_000_000;
  workdir = await mkdtemp(path.join(tmpdir(), 'queuebell-handlers-'));
  settingsFile = path.join(workdir, 'settings.json');
  const settings = defaultSettings();
  updates = { configure: vi.fn(async () => undefined), readyVersion: vi.fn(() => null), install: vi.fn() };
  context = {
    settings,
    saveSettings: createSettingsSaver(settingsFile, settings),
    tokens,
    openKiosk: vi.fn(async () => undefined),
    setTrayCount: vi.fn(),
    onSettingsChanged: vi.fn(),
    updates,
    closeKiosk: vi.fn(),
    applyContentProtection: vi.fn(),
    refreshCertificatePinning: vi.fn(async () => undefined),
    now: () => now,
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

  it('stores an https update folder, turns updates on with it, and off with an empty address', async () => {
    const handlers = createBridgeHandlers(context);
    await handlers.setUpdateUrl(' https://it.hospital.example/queuebell ');
    const folder = 'https://it.hospital.example/queuebell/';
    expect(await handlers.getUpdateUrl()).toBe(folder);
    expect(await savedSettings()).toMatchObject({ updateUrl: folder });
    expect(updates.configure).toHaveBeenLastCalledWith(folder);

    await handlers.setUpdateUrl('');
    expect(await handlers.getUpdateUrl()).toBeNull();
    expect(await savedSettings()).toMatchObject({ updateUrl: null });
    expect(updates.configure).toHaveBeenLastCalledWith(null);
  });

  it('refuses an update address that could serve an installer in clear or from a file', async () => {
    const handlers = createBridgeHandlers(context);
    context.settings.updateUrl = 'https://it.hospital.example/queuebell/';
    for (const bad of [
      'http://updates.hospital.example/',
      'http://10.0.0.8/queuebell/',
      'file:///C:/updates/',
      'https://admin:secret@it.hospital.example/',
      'not a url',
      null,
      42,
    ]) {
      await expect(handlers.setUpdateUrl(bad), String(bad)).rejects.toThrow(TypeError);
    }
    expect(context.settings.updateUrl).toBe('https://it.hospital.example/queuebell/');
    expect(updates.configure).not.toHaveBeenCalled();
    await handlers.setUpdateUrl('http://localhost:9000/updates/');
    expect(updates.configure).toHaveBeenLastCalledWith('http://localhost:9000/updates/');
  });

  it('reports the ready update and installs it only through installUpdate', async () => {
    const handlers = createBridgeHandlers(context);
    expect(await handlers.getReadyUpdate()).toBeNull();
    updates.readyVersion.mockReturnValue('1.2.0');
    expect(await handlers.getReadyUpdate()).toBe('1.2.0');
    expect(updates.install).not.toHaveBeenCalled();
    await handlers.installUpdate();
    expect(updates.install).toHaveBeenCalledOnce();

    updates.install.mockImplementation(() => {
      throw new Error('No update is ready to install');
    });
    await expect(handlers.installUpdate()).rejects.toThrow(/No update/);
  });
});

describe('the token and the server address', () => {
  it('forgets the stored token, and the old pin, when the server address changes', async () => {
    const handlers = createBridgeHandlers(context);
    await handlers.setServerUrl('https://queue.example.org');
    vi.mocked(tokens.clear).mockClear();
    await handlers.setCertificatePin('ab'.repeat(32));

    await handlers.setServerUrl('https://other.example.org');
    expect(tokens.clear).toHaveBeenCalledOnce();
    expect(context.settings.certificatePin).toBeNull();
    expect(await savedSettings()).toMatchObject({
      serverUrl: 'https://other.example.org',
      certificatePin: null,
    });
    expect(context.refreshCertificatePinning).toHaveBeenCalled();
  });

  it('wipes the token before it saves the new address, and keeps the old one when wiping fails', async () => {
    const handlers = createBridgeHandlers(context);
    context.settings.serverUrl = 'https://queue.example.org';
    vi.mocked(tokens.clear).mockRejectedValueOnce(new Error('disk full'));
    await expect(handlers.setServerUrl('https://other.example.org')).rejects.toThrow('disk full');
    expect(context.settings.serverUrl).toBe('https://queue.example.org');
  });

  it('keeps the token when the same server is saved again', async () => {
    const handlers = createBridgeHandlers(context);
    context.settings.serverUrl = 'https://queue.example.org';
    await handlers.setServerUrl('https://queue.example.org/console/');
    expect(tokens.clear).not.toHaveBeenCalled();
  });
});

describe('the idle lock in the main process', () => {
  it('keeps the idle time the server names, and refuses what is not 1 to 720 minutes', async () => {
    const handlers = createBridgeHandlers(context);
    expect(await handlers.getIdleLockMinutes()).toBe(15);
    await handlers.setIdleLockMinutes(5);
    expect(await handlers.getIdleLockMinutes()).toBe(5);
    expect(await savedSettings()).toMatchObject({ idleLockMinutes: 5 });
    for (const bad of [0, 721, 2.5, '10', null]) {
      await expect(handlers.setIdleLockMinutes(bad), String(bad)).rejects.toThrow(TypeError);
    }
    expect(context.settings.idleLockMinutes).toBe(5);
  });

  it('hands back a token used within the idle time, and wipes one left idle past it', async () => {
    const handlers = createBridgeHandlers(context);
    vi.mocked(tokens.load).mockResolvedValue('the-token');
    await handlers.saveToken('the-token');
    expect(context.settings.lastActiveAt).toBe(now);

    now += 14 * MINUTE;
    expect(await handlers.loadToken()).toBe('the-token');
    await handlers.reportActivity();
    now += 14 * MINUTE;
    expect(await handlers.loadToken()).toBe('the-token');

    // The console was quit (or crashed) unlocked and started again 15 minutes after its last use.
    now += MINUTE;
    expect(await handlers.loadToken()).toBeNull();
    expect(tokens.clear).toHaveBeenCalledOnce();
  });

  it('wipes a token whose last use was never recorded', async () => {
    const handlers = createBridgeHandlers(context);
    vi.mocked(tokens.load).mockResolvedValue('older-token');
    expect(await handlers.loadToken()).toBeNull();
    expect(tokens.load).not.toHaveBeenCalled();
    expect(tokens.clear).toHaveBeenCalledOnce();
  });

  it('records each activity at once but writes it to disk at most once a minute', async () => {
    const handlers = createBridgeHandlers(context);
    await handlers.reportActivity();
    expect(await savedSettings()).toMatchObject({ lastActiveAt: now });
    const firstSaved = now;
    now += 30_000;
    await handlers.reportActivity();
    expect(context.settings.lastActiveAt).toBe(now);
    expect(await savedSettings()).toMatchObject({ lastActiveAt: firstSaved });
    now += 30_000;
    await handlers.reportActivity();
    expect(await savedSettings()).toMatchObject({ lastActiveAt: now });
  });
});

describe('ward settings', () => {
  it('turns screen-capture protection on and off, remembered and applied at once', async () => {
    const handlers = createBridgeHandlers(context);
    expect(await handlers.getWardSettings()).toEqual({ contentProtection: false, certificatePin: null });
    await handlers.setContentProtection(true);
    expect(context.applyContentProtection).toHaveBeenLastCalledWith(true);
    expect(await savedSettings()).toMatchObject({ contentProtection: true });
    await expect(handlers.setContentProtection('yes')).rejects.toThrow(TypeError);
    await handlers.setContentProtection(false);
    expect(context.applyContentProtection).toHaveBeenLastCalledWith(false);
  });

  it('stores a pin as a normalised SHA-256 fingerprint, removes it when empty, refuses anything else', async () => {
    const handlers = createBridgeHandlers(context);
    await handlers.setCertificatePin(` sha256 Fingerprint=${'ab:'.repeat(31)}ab `);
    const pin = `${'AB:'.repeat(31)}AB`;
    expect((await handlers.getWardSettings()).certificatePin).toBe(pin);
    expect(await savedSettings()).toMatchObject({ certificatePin: pin });
    expect(context.refreshCertificatePinning).toHaveBeenCalledOnce();

    for (const bad of ['ab'.repeat(20), 'zz'.repeat(32), 42, null]) {
      await expect(handlers.setCertificatePin(bad), String(bad)).rejects.toThrow(TypeError);
    }
    expect(context.settings.certificatePin).toBe(pin);
    await handlers.setCertificatePin('');
    expect(context.settings.certificatePin).toBeNull();
  });

  it('closes the waiting-room display when the console asks', async () => {
    await createBridgeHandlers(context).closeKiosk();
    expect(context.closeKiosk).toHaveBeenCalledOnce();
  });
});
