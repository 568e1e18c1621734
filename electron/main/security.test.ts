import { readFile, readdir } from 'node:fs/promises';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => ({
  app: { enableSandbox: vi.fn(), on: vi.fn<(name: string, listener: Listener) => void>() },
  shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) },
}));
vi.mock('electron', () => electron);

// Imported for its side effects, after the mock: exactly what the entry point does first.
const { confineToOrigin } = await import('./security.js');

const CONSOLE_URL = 'app://queuebell/console/index.html';

function fakeContents(url = CONSOLE_URL) {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const session = {
    setPermissionRequestHandler: vi.fn<(handler: Listener) => void>(),
    setPermissionCheckHandler: vi.fn<(handler: (...args: unknown[]) => boolean) => void>(),
  };
  const contents = {
    session,
    setWindowOpenHandler: (handler: typeof windowOpenHandler) => {
      windowOpenHandler = handler;
    },
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    getURL: () => url,
  };
  return {
    contents,
    session,
    openWindow: (url: string) => windowOpenHandler?.({ url }),
    emit: (name: string, ...args: unknown[]) => listeners.get(name)?.(...args),
  };
}

function createContents(url?: string) {
  const call = electron.app.on.mock.calls.find(([name]) => name === 'web-contents-created');
  if (!call) throw new Error('security.ts installed no web-contents-created handler');
  const fake = fakeContents(url);
  call[1]({}, fake.contents);
  return fake;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('security.ts', () => {
  beforeEach(() => electron.shell.openExternal.mockClear());

  it('enables the sandbox for every renderer on import', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
  });

  it('denies window.open and sends only http, https and mailto to the OS', () => {
    const fake = createContents();
    for (const url of ['https://example.org', 'http://example.org', 'mailto:a@example.org']) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://example.org',
      'http://example.org',
      'mailto:a@example.org',
    ]);

    electron.shell.openExternal.mockClear();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'app://queuebell/console/',
    ]) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation to another origin and allows it inside the app', () => {
    const fake = createContents();
    const away = navigationEvent('https://evil.example/phish');
    fake.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();

    const fileUrl = navigationEvent('file:///etc/passwd');
    fake.emit('will-navigate', fileUrl);
    expect(fileUrl.preventDefault).toHaveBeenCalled();

    const inside = navigationEvent('app://queuebell/console/index.html#board');
    fake.emit('will-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks redirects and frame navigations away from the app, as well as page navigations', () => {
    const fake = createContents();
    for (const event of ['will-redirect', 'will-frame-navigate']) {
      const away = navigationEvent('https://evil.example/login');
      fake.emit(event, away);
      expect(away.preventDefault, event).toHaveBeenCalled();
      const inside = navigationEvent('app://queuebell/console/index.html');
      fake.emit(event, inside);
      expect(inside.preventDefault, event).not.toHaveBeenCalled();
    }
  });

  it("holds a confined window (the kiosk) to its server's origin, and keeps it out of the app too", () => {
    const kioskUrl = 'https://queue.hospital.example/kiosk';
    const fake = createContents(kioskUrl);
    confineToOrigin(fake.contents as never, 'https://queue.hospital.example');
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const [url, allowed] of [
        ['https://queue.hospital.example/kiosk?departments=OPD', true],
        ['https://queue.hospital.example:8443/kiosk', false],
        ['http://queue.hospital.example/kiosk', false],
        ['https://evil.example/', false],
        ['https://user@queue.hospital.example/kiosk', false],
        ['app://queuebell/console/index.html', false],
      ] as const) {
        const navigation = navigationEvent(url);
        fake.emit(event, navigation);
        expect(navigation.preventDefault.mock.calls.length === 0, `${event} ${url}`).toBe(allowed);
      }
    }
  });

  it('never lets remote content open the OS browser, whatever the link', () => {
    const fake = createContents('https://queue.hospital.example/kiosk');
    confineToOrigin(fake.contents as never, 'https://queue.hospital.example');
    for (const url of ['https://example.org', 'mailto:a@example.org', 'https://queue.hospital.example/x']) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    // Not confined but not the console either (a bug navigated it away): no OS browser either.
    const stray = createContents('https://evil.example/');
    expect(stray.openWindow('https://example.org')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('never bypasses a certificate error: a hospital CA is trusted by the OS, or the server is pinned', async () => {
    expect(electron.app.on.mock.calls.map(([name]) => name)).not.toContain('certificate-error');
    const sources = (await readdir(import.meta.dirname)).filter(
      (file) => /^[\w-]+\.ts$/.test(file) && !file.includes('.test.'),
    );
    for (const file of sources) {
      const source = await readFile(new URL(file, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/certificate-error|ignore-certificate-errors|allowInsecure/);
    }
  });

  it('refuses <webview> tags', () => {
    const fake = createContents();
    const event = { preventDefault: vi.fn() };
    fake.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const fake = createContents();
    const requestHandler = fake.session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const checkHandler = fake.session.setPermissionCheckHandler.mock.calls[0]?.[0];
    if (!requestHandler || !checkHandler) throw new Error('permission handlers not installed');

    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      requestHandler(fake.contents, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler(fake.contents, permission, 'app://queuebell', {})).toBe(false);
    }
  });
});
