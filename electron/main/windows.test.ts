import { describe, expect, it, vi } from 'vitest';

type Listener = () => void;

const electron = vi.hoisted(() => {
  class FakeWindow {
    readonly setContentProtection = vi.fn();
    readonly loadURL = vi.fn(async () => undefined);
    once = (_name: string, _listener: Listener) => this;
    constructor(readonly options: Record<string, unknown>) {
      created.push(this);
    }
  }
  const created: FakeWindow[] = [];
  return {
    created,
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
});
vi.mock('electron', () => electron);

const { applyContentProtection, createConsoleWindow } = await import('./windows.js');

const settings = { window: null, alwaysOnTop: false, contentProtection: false };

describe('the console window', () => {
  it('loads the console with the locked preferences and the preload', () => {
    createConsoleWindow('/app/preload.cjs', settings);
    const window = electron.created.at(-1);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      nodeIntegrationInWorker: false,
      experimentalFeatures: false,
    });
  });

  it('is kept out of screen captures only when the setting is on, and on Windows and macOS only', () => {
    createConsoleWindow('/app/preload.cjs', settings);
    expect(electron.created.at(-1)?.setContentProtection).not.toHaveBeenCalled();

    const window = { setContentProtection: vi.fn() };
    for (const platform of ['win32', 'darwin'] as const) {
      applyContentProtection(window, true, platform);
      expect(window.setContentProtection).toHaveBeenLastCalledWith(true);
    }
    window.setContentProtection.mockClear();
    applyContentProtection(window, true, 'linux');
    expect(window.setContentProtection).not.toHaveBeenCalled();
  });

  it('protects the window before its first paint when the setting is on', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      createConsoleWindow('/app/preload.cjs', { ...settings, contentProtection: true });
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
    const window = electron.created.at(-1);
    expect(window?.setContentProtection).toHaveBeenCalledExactlyOnceWith(true);
    expect(window?.loadURL).toHaveBeenCalledOnce();
    expect(window?.setContentProtection.mock.invocationCallOrder[0]).toBeLessThan(
      window?.loadURL.mock.invocationCallOrder[0] ?? 0,
    );
  });
});
