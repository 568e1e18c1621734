import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => ({
  app: { enableSandbox: vi.fn(), on: vi.fn<(name: string, listener: Listener) => void>() },
  shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) },
}));
vi.mock('electron', () => electron);

// Imported for its side effects, after the mock: exactly what the entry point does first.
await import('./security.js');

function fakeContents() {
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
  };
  return {
    contents,
    session,
    openWindow: (url: string) => windowOpenHandler?.({ url }),
    emit: (name: string, ...args: unknown[]) => listeners.get(name)?.(...args),
  };
}

function createContents() {
  const call = electron.app.on.mock.calls.find(([name]) => name === 'web-contents-created');
  if (!call) throw new Error('security.ts installed no web-contents-created handler');
  const fake = fakeContents();
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
