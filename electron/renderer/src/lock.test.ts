import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../../shared/bridge';
import type { User } from '../../../shared/schemas';
import { CONSOLE_VERSION_HEADER } from '../../../shared/constants';

/**
 * The lock screen's logic against a small local server that answers login and logout as Queuebell's
 * does, with the desktop bridge (window.queuebell) a fake that records what main is told.
 */
const bridge = {
  saveToken: vi.fn(async (_token: string) => undefined),
  clearToken: vi.fn(async () => undefined),
};
Object.assign(globalThis, { window: { queuebell: bridge as Partial<DesktopBridge> } });

const { forgetLockedSession, lockedFrom, unlock } = await import('./lock');
const { outdatedMessage } = await import('./outdated');
const { CONSOLE_VERSION } = await import('./version');

const PASSWORD = 'correct horse battery staple';
const user: User = {
  id: 3,
  email: 'nurse@hospital.example',
  name: 'Ada Nurse',
  role: 'nurse',
  locale: 'en',
  guest: false,
  phone: null,
};

interface Seen {
  path: string;
  authorization: string | undefined;
  version: string | undefined;
  body: string;
}
const seen: Seen[] = [];
/** When set, every answer is the server's refusal of an outdated console. */
let minimumVersion: string | null = null;
let issued = 0;

let server: http.Server;
let serverUrl = '';

function answer(response: http.ServerResponse, status: number, body?: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const version = request.headers[CONSOLE_VERSION_HEADER];
      seen.push({
        path: request.url ?? '',
        authorization: request.headers.authorization,
        version: typeof version === 'string' ? version : undefined,
        body,
      });
      if (minimumVersion) {
        const message = `This console is version ${version}; this server needs ${minimumVersion} or later.`;
        return answer(response, 426, { error: { code: 'console_outdated', message } });
      }
      if (request.url === '/api/auth/logout') return answer(response, 204);
      const { email, password } = JSON.parse(body) as { email: string; password: string };
      if (email !== user.email || password !== PASSWORD) {
        return answer(response, 401, {
          error: { code: 'invalid_credentials', message: 'Wrong email or password.' },
        });
      }
      issued += 1;
      answer(response, 200, { token: `token-${issued}`, user });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  vi.clearAllMocks();
  seen.length = 0;
  minimumVersion = null;
});

const session = () => ({ serverUrl, token: 'token-old', user });

describe('locking the console', () => {
  it('keeps only whose console it was, and kills its token in main and on the server', async () => {
    const locked = lockedFrom(session());
    expect(locked).toEqual({ serverUrl, email: user.email, name: user.name });
    expect(JSON.stringify(locked)).not.toContain('token');

    await forgetLockedSession(session());
    expect(bridge.clearToken).toHaveBeenCalledOnce();
    expect(seen).toEqual([
      { path: '/api/auth/logout', authorization: 'Bearer token-old', version: CONSOLE_VERSION, body: '' },
    ]);
  });

  it('stays locked with a wrong password, and stores no token', async () => {
    const locked = lockedFrom(session());
    await expect(unlock(locked, 'wrong password')).rejects.toMatchObject({
      status: 401,
      message: 'Wrong email or password.',
    });
    await expect(unlock(locked, '')).rejects.toMatchObject({ status: 401 });
    expect(bridge.saveToken).not.toHaveBeenCalled();
  });

  it("unlocks with the same account's password, under a new token that main stores", async () => {
    const unlocked = await unlock(lockedFrom(session()), PASSWORD);
    expect(unlocked).toEqual({ serverUrl, token: `token-${issued}`, user });
    expect(unlocked.token).not.toBe('token-old');
    expect(bridge.saveToken).toHaveBeenCalledExactlyOnceWith(unlocked.token);
    expect(JSON.parse(seen[0]?.body ?? '{}')).toEqual({ email: user.email, password: PASSWORD });
    expect(seen[0]?.version).toBe(CONSOLE_VERSION);
  });

  it("gives way to the update screen when the server refuses this console's version", async () => {
    minimumVersion = '99.0.0';
    expect(outdatedMessage()).toBeNull();
    await expect(unlock(lockedFrom(session()), PASSWORD)).rejects.toMatchObject({ status: 426 });
    expect(outdatedMessage()).toBe(
      `This console is version ${CONSOLE_VERSION}; this server needs 99.0.0 or later.`,
    );
  });
});
