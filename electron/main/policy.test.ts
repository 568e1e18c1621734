import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LOCKED_PREFERENCES,
  buildContentSecurityPolicy,
  buildKioskContentSecurityPolicy,
  isAllowedExternalUrl,
  isAppUrl,
  isOnOrigin,
  parseServerUrl,
  parseUpdateUrl,
  resolveAppPath,
} from './policy.js';

const root = path.resolve('/opt/queuebell/renderer/dist');

describe('isAppUrl', () => {
  it('accepts the console origin only', () => {
    expect(isAppUrl('app://queuebell/console/index.html')).toBe(true);
    expect(isAppUrl('app://QUEUEBELL/console/')).toBe(true);
    expect(isAppUrl('app://other/console/index.html')).toBe(false);
    expect(isAppUrl('app://queuebell:8080/console/')).toBe(false);
    expect(isAppUrl('app://user@queuebell/console/')).toBe(false);
    expect(isAppUrl('https://queuebell/console/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('lets only http, https and mailto reach the OS', () => {
    expect(isAllowedExternalUrl('https://example.org/help')).toBe(true);
    expect(isAllowedExternalUrl('http://example.org')).toBe(true);
    expect(isAllowedExternalUrl('mailto:ward@example.org')).toBe(true);
    for (const url of [
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-settings:',
      'x',
    ]) {
      expect(isAllowedExternalUrl(url)).toBe(false);
    }
  });
});

describe('parseUpdateUrl', () => {
  it('keeps the folder, with the trailing slash the generic provider resolves latest.yml against', () => {
    expect(parseUpdateUrl(' https://it.example.org/queuebell ')).toBe('https://it.example.org/queuebell/');
    expect(parseUpdateUrl('https://it.example.org/queuebell/?key=1#x')).toBe(
      'https://it.example.org/queuebell/?key=1',
    );
    expect(parseUpdateUrl('http://localhost:9000/updates')).toBe('http://localhost:9000/updates/');
  });
  it('rejects clear http off this computer, other schemes, credentials and non-strings', () => {
    for (const bad of ['http://10.0.0.5/', 'file:///tmp/', 'https://u:p@it.example.org/', '', ' ', 7]) {
      expect(parseUpdateUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('parseServerUrl', () => {
  it('keeps the origin of https addresses', () => {
    expect(parseServerUrl(' https://queue.example.org/some/path?q=1 ')).toBe('https://queue.example.org');
  });
  it('allows plain http only on loopback', () => {
    expect(parseServerUrl('http://localhost:8000')).toBe('http://localhost:8000');
    expect(parseServerUrl('http://127.0.0.1:8000/')).toBe('http://127.0.0.1:8000');
    expect(parseServerUrl('http://[::1]:8000')).toBe('http://[::1]:8000');
    expect(parseServerUrl('http://10.0.0.5:8000')).toBeNull();
  });
  it('rejects other schemes, credentials and non-strings', () => {
    expect(parseServerUrl('ftp://example.org')).toBeNull();
    expect(parseServerUrl('file:///tmp')).toBeNull();
    expect(parseServerUrl('https://user:pass@example.org')).toBeNull();
    expect(parseServerUrl(42)).toBeNull();
    expect(parseServerUrl('')).toBeNull();
  });
});

describe('resolveAppPath', () => {
  it('maps console URLs to files inside the dist folder', () => {
    expect(resolveAppPath(root, 'app://queuebell/console/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://queuebell/console/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://queuebell/console/a%20b.png')).toBe(path.join(root, 'a b.png'));
  });

  it('rejects plain .. traversal', () => {
    expect(resolveAppPath(root, 'app://queuebell/console/../../../etc/passwd')).toBeNull();
    expect(resolveAppPath(root, 'app://queuebell/console/assets/../../secret')).toBeNull();
  });

  it('rejects encoded traversal', () => {
    for (const url of [
      'app://queuebell/console/%2e%2e/%2e%2e/etc/passwd',
      'app://queuebell/console/..%2f..%2f..%2fetc%2fpasswd',
      'app://queuebell/console/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://queuebell/console/assets%2f..%2f..%2fsecret',
      'app://queuebell/console/%2fetc%2fpasswd',
      'app://queuebell/console/..',
      'app://queuebell/console/index.html%00.png',
      'app://queuebell/console/%E0%A4%A',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('rejects other hosts and paths outside /console/', () => {
    expect(resolveAppPath(root, 'app://evil/console/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://queuebell/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://queuebell/consoleX/index.html')).toBeNull();
    expect(resolveAppPath(root, 'https://queuebell/console/index.html')).toBeNull();
  });

  it('does not mistake a sibling folder with the same prefix for the root', () => {
    expect(resolveAppPath(root, 'app://queuebell/console/..%2fdist-other%2fx.js')).toBeNull();
  });
});

describe('buildContentSecurityPolicy', () => {
  it('allows connections to the configured server and its WebSocket origin only', () => {
    const csp = buildContentSecurityPolicy('https://queue.example.org');
    expect(csp).toContain("connect-src 'self' https://queue.example.org wss://queue.example.org");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(buildContentSecurityPolicy(null)).toContain("connect-src 'self';");
  });
});

describe('LOCKED_PREFERENCES', () => {
  it('spells out every locked web preference, workers and experimental features included', () => {
    expect(LOCKED_PREFERENCES).toEqual({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(Object.isFrozen(LOCKED_PREFERENCES)).toBe(true);
  });
});

describe('isOnOrigin', () => {
  it('matches scheme, host and port exactly, and refuses credentials', () => {
    const origin = 'https://queue.hospital.example';
    expect(isOnOrigin('https://queue.hospital.example/kiosk?x=1#y', origin)).toBe(true);
    expect(isOnOrigin('https://QUEUE.hospital.example:443/kiosk', origin)).toBe(true);
    expect(isOnOrigin('https://queue.hospital.example:8443/kiosk', origin)).toBe(false);
    expect(isOnOrigin('http://queue.hospital.example/kiosk', origin)).toBe(false);
    expect(isOnOrigin('wss://queue.hospital.example/socket.io/', origin)).toBe(false);
    expect(isOnOrigin('https://queue.hospital.example.evil.example/', origin)).toBe(false);
    expect(isOnOrigin('https://a:b@queue.hospital.example/', origin)).toBe(false);
    expect(isOnOrigin('app://queuebell/console/', 'null')).toBe(false);
    expect(isOnOrigin('not a url', origin)).toBe(false);
  });
});

describe('buildKioskContentSecurityPolicy', () => {
  it("lets the kiosk run only its server's scripts and reach only its server", () => {
    const policy = buildKioskContentSecurityPolicy('https://queue.hospital.example');
    const directives = new Map(
      policy.split('; ').map((directive) => {
        const [name = '', ...values] = directive.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self' wss://queue.hospital.example");
    for (const locked of ['frame-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.get(locked), locked).toBe("'none'");
    }
    expect(policy).not.toMatch(/unsafe|\*/);
    expect(buildKioskContentSecurityPolicy('http://localhost:8000')).toContain(
      "connect-src 'self' ws://localhost:8000",
    );
  });
});
