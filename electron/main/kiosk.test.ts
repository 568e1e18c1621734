import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The kiosk window at the Electron seam: BrowserWindow, its webContents, powerSaveBlocker, the kiosk's
 * session and the screen are fakes that record what they are told and emit what Electron would. A new
 * fake window announces its webContents to `web-contents-created`, as Electron does, so the locks of
 * security.ts (imported by kiosk.ts) apply to it exactly as they would in the app.
 */
type Listener = (...args: unknown[]) => void;

const seam = vi.hoisted(() => {
  class Emitter {
    private readonly listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener): this {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }

  class FakeContents extends Emitter {
    url = '';
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    session = { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
    getURL() {
      return this.url;
    }
  }

  /** What a new window's loads answer until the test says otherwise. */
  const loads = { result: 'ok' as 'ok' | 'fail' };
  const appListeners = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const started = new Set<number>();
  let nextBlocker = 1;

  class FakeWindow extends Emitter {
    readonly webContents = new FakeContents();
    destroyed = false;
    removeMenu = vi.fn();
    focus = vi.fn();
    /** What loadURL answers next; a failed load also emits did-fail-load, as Electron does. */
    loadResult: 'ok' | 'fail' = loads.result;
    loadURL = vi.fn(async (url: string) => {
      this.webContents.url = url;
      if (this.loadResult === 'ok') return;
      this.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', url, true);
      throw new Error('ERR_NAME_NOT_RESOLVED');
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      appListeners.get('web-contents-created')?.({}, this.webContents);
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** What Alt+F4, Ctrl+W or a close() do: 'close' may be prevented; otherwise the window goes. */
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      this.emit('closed');
    }
  }

  const onHeadersReceived = vi.fn();
  const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const electron = {
    app: {
      enableSandbox: vi.fn(),
      on: (name: string, listener: Listener) => appListeners.set(name, listener),
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    BrowserWindow: FakeWindow,
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    session: { fromPartition: vi.fn(() => ({ webRequest: { onHeadersReceived } })) },
    powerSaveBlocker: {
      start: vi.fn((_type: string) => {
        const id = nextBlocker++;
        started.add(id);
        return id;
      }),
      stop: vi.fn((id: number) => started.delete(id)),
      isStarted: (id: number) => started.has(id),
    },
  };
  return { electron, windows, started, onHeadersReceived, loads };
});
vi.mock('electron', () => seam.electron);

const { KIOSK_PARTITION, closeKioskWindows, openKioskWindow, releaseKioskWindows } =
  await import('./kiosk.js');
const { FIRST_RETRY_MS, STABLE_AFTER_MS } = await import('./kiosk-recovery.js');

const SERVER = 'https://queue.hospital.example';
const log = vi.fn<(message: string) => void>();

async function openKiosk() {
  await openKioskWindow(SERVER, undefined, log);
  const window = seam.windows.at(-1);
  if (!window) throw new Error('no kiosk window was created');
  return window;
}

beforeEach(() => {
  vi.clearAllMocks();
  seam.windows.length = 0;
});
afterEach(() => {
  closeKioskWindows();
  vi.useRealTimers();
});

describe('the kiosk window', () => {
  it('opens full screen in its own partition with the locked preferences, no preload, and no menu at all', async () => {
    const window = await openKiosk();
    expect(window.options).toMatchObject({ kiosk: true, x: 0, width: 1920 });
    expect(window.options).not.toHaveProperty('autoHideMenuBar');
    expect(window.options.webPreferences).toMatchObject({
      partition: KIOSK_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      experimentalFeatures: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(window.removeMenu).toHaveBeenCalledOnce();
    expect(window.loadURL).toHaveBeenCalledWith(`${SERVER}/kiosk`);
  });

  it('refuses to close (Alt+F4, Ctrl+W) unless the console asks', async () => {
    const window = await openKiosk();
    window.close();
    expect(window.isDestroyed()).toBe(false);

    closeKioskWindows();
    expect(window.isDestroyed()).toBe(true);
  });

  it('lets itself be closed when the app quits', async () => {
    const window = await openKiosk();
    releaseKioskWindows();
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });

  it('denies every window.open and never hands a link to the OS', async () => {
    const window = await openKiosk();
    for (const url of ['https://example.org/', 'mailto:desk@hospital.example', `${SERVER}/help`]) {
      expect(window.webContents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(seam.electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it("stays on its server's origin: navigations, redirects and frames elsewhere are blocked", async () => {
    const window = await openKiosk();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
      window.webContents.emit(event, away);
      expect(away.preventDefault, event).toHaveBeenCalled();
      const home = { url: `${SERVER}/kiosk?departments=OPD`, preventDefault: vi.fn() };
      window.webContents.emit(event, home);
      expect(home.preventDefault, event).not.toHaveBeenCalled();
    }
  });

  it('reloads after its renderer is gone, waiting longer after each failure in a row', async () => {
    vi.useFakeTimers();
    const window = await openKiosk();
    expect(window.loadURL).toHaveBeenCalledTimes(1);

    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS - 1);
    expect(window.loadURL).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(window.loadURL).toHaveBeenCalledTimes(2);
    expect(window.loadURL).toHaveBeenLastCalledWith(`${SERVER}/kiosk`);

    // It crashes again before it settled: twice the wait.
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    await vi.advanceTimersByTimeAsync(2 * FIRST_RETRY_MS - 1);
    expect(window.loadURL).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(window.loadURL).toHaveBeenCalledTimes(3);

    // Loaded and stayed up: the next crash waits the first delay again.
    window.webContents.emit('did-finish-load');
    await vi.advanceTimersByTimeAsync(STABLE_AFTER_MS);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS);
    expect(window.loadURL).toHaveBeenCalledTimes(4);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('stopped (crashed)'));
  });

  it('reloads after a failed load of the page, but not after a cancelled one or a failed frame', async () => {
    vi.useFakeTimers();
    const window = await openKiosk();
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', `${SERVER}/kiosk`, true);
    window.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', `${SERVER}/frame`, false);
    await vi.advanceTimersByTimeAsync(10 * FIRST_RETRY_MS);
    expect(window.loadURL).toHaveBeenCalledTimes(1);

    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${SERVER}/kiosk`, true);
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS);
    expect(window.loadURL).toHaveBeenCalledTimes(2);
  });

  it('says the first load failed, and keeps trying on its own', async () => {
    vi.useFakeTimers();
    seam.loads.result = 'fail';
    await expect(openKioskWindow(SERVER, undefined, log)).rejects.toThrow(/keeps trying/);
    seam.loads.result = 'ok';
    const kiosk = seam.windows[0];
    if (!kiosk) throw new Error('no kiosk window was created');
    kiosk.loadResult = 'ok';
    await vi.advanceTimersByTimeAsync(FIRST_RETRY_MS);
    expect(kiosk.loadURL).toHaveBeenCalledTimes(2);
    expect(kiosk.isDestroyed()).toBe(false);
  });

  it('keeps the display awake while open, and lets it sleep once closed', async () => {
    const window = await openKiosk();
    expect(seam.electron.powerSaveBlocker.start).toHaveBeenCalledExactlyOnceWith('prevent-display-sleep');
    const blocker = seam.electron.powerSaveBlocker.start.mock.results[0]?.value;
    expect(seam.started.has(blocker)).toBe(true);

    closeKioskWindows();
    expect(window.isDestroyed()).toBe(true);
    expect(seam.electron.powerSaveBlocker.stop).toHaveBeenCalledExactlyOnceWith(blocker);
    expect(seam.started.size).toBe(0);
  });

  it("sends its own CSP on its server's answers, in place of the server's, and leaves other answers alone", async () => {
    await openKiosk();
    expect(seam.electron.session.fromPartition).toHaveBeenCalledWith(KIOSK_PARTITION);
    const listener = seam.onHeadersReceived.mock.calls.at(-1)?.[1] as Listener;
    const callback = vi.fn();
    listener(
      {
        url: `${SERVER}/kiosk`,
        responseHeaders: {
          'content-security-policy': ["script-src 'unsafe-inline' *"],
          'Cache-Control': ['no-store'],
        },
      },
      callback,
    );
    const { responseHeaders } = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(Object.keys(responseHeaders).sort()).toEqual(['Cache-Control', 'Content-Security-Policy']);
    const [policy = ''] = responseHeaders['Content-Security-Policy'] ?? [];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain(`connect-src 'self' wss://queue.hospital.example`);
    expect(policy).not.toContain('unsafe-inline');

    const other = vi.fn();
    listener({ url: 'https://fonts.example/font.woff2', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledWith({});
  });

  it('focuses the display already open on a screen instead of opening another', async () => {
    const window = await openKiosk();
    await openKioskWindow(SERVER, undefined, log);
    expect(seam.windows).toHaveLength(1);
    expect(window.focus).toHaveBeenCalledOnce();
  });
});
