import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));
vi.mock('electron', () => electron);

const { registerAppScheme, serveAppRequest } = await import('./app-protocol.js');

const CSP = "default-src 'none'";
let workdir: string;
let dist: string;

beforeAll(async () => {
  workdir = await mkdtemp(path.join(tmpdir(), 'queuebell-app-protocol-'));
  dist = path.join(workdir, 'dist');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(workdir, 'secret.txt'), 'do not serve');
});

afterAll(() => rm(workdir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(dist, new Request(url, { method }), CSP);

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme without CSP bypass', () => {
    registerAppScheme();
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0] ?? [];
    expect(schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(JSON.stringify(schemes)).not.toContain('bypassCSP');
  });

  it('serves the console with its CSP and content type', async () => {
    const response = await get('app://queuebell/console/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('console');

    const script = await get('app://queuebell/console/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for traversal and missing files, never the file outside dist', async () => {
    for (const url of [
      'app://queuebell/console/..%2fsecret.txt',
      'app://queuebell/console/%2e%2e/secret.txt',
      'app://queuebell/console/missing.js',
      'app://queuebell/console/assets',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://queuebell/console/', 'POST')).status).toBe(405);
    const head = await get('app://queuebell/console/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
