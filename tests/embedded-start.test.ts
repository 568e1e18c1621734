import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findRunningCluster } from '../server/db/embedded-files';
import { api } from './support/server';
import { runCli, spawnTs } from './support/process';

/**
 * `npm start` as a user runs it: no DATABASE_URL, an embedded PostgreSQL under DATA_DIR. Started, stopped
 * and started again, the data stays; the CLI works beside the running server and on its own.
 */
let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queuebell-start-'));
  fs.chmodSync(dataDir, 0o755);
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: undefined,
  LOG_LEVEL: 'info',
});

async function startMain() {
  const server = spawnTs('server/main.ts', [], env());
  const [, url] = await server.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
  await server.waitFor(/Nurse console:/);
  return { server, base: { url: url ?? '' } };
}

it('starts on embedded PostgreSQL, keeps its data across a stop and a second start, and shares it with the CLI', async () => {
  const first = await startMain();
  expect((await api(first.base, 'GET', '/healthz')).body).toEqual({ status: 'ok', db: 'ok' });
  const email = first.server.output().match(/^Admin email: (.+)$/m)?.[1];
  const password = first.server.output().match(/^Admin password: (.+)$/m)?.[1];
  expect(email).toBe('admin@queuebell.local');
  const adminLogin = await api<{ token: string; user: { role: string } }>(
    first.base,
    'POST',
    '/api/auth/login',
    {
      body: { email, password },
    },
  );
  expect(adminLogin.status).toBe(200);
  expect(adminLogin.body.user.role).toBe('admin');

  // The CLI joins the cluster the server is running, and leaves it running for the server.
  const created = await runCli(
    [
      'user:create',
      '--role',
      'nurse',
      '--email',
      'nurse@ward.example',
      '--name',
      'Nina',
      '--password',
      'nurse-password-1',
    ],
    env(),
  );
  expect(created.output).toContain('Created nurse nurse@ward.example');
  expect(created.code).toBe(0);
  expect((await api(first.base, 'GET', '/healthz')).body).toEqual({ status: 'ok', db: 'ok' });

  const cluster = await findRunningCluster(dataDir);
  expect(cluster).toBeDefined();
  expect(await first.server.stop('SIGTERM')).toBe(0);
  expect(await findRunningCluster(dataDir)).toBeUndefined();

  // With the server stopped, the CLI starts the cluster itself and stops it again.
  const dept = await runCli(['department:create', '--code', 'ent', '--name', 'Ear, nose and throat'], env());
  expect(dept.output).toContain('Created department ENT');
  expect(await findRunningCluster(dataDir)).toBeUndefined();

  const second = await startMain();
  expect(second.server.output()).not.toMatch(/Admin password/);
  const nurseLogin = await api(second.base, 'POST', '/api/auth/login', {
    body: { email: 'nurse@ward.example', password: 'nurse-password-1' },
  });
  expect(nurseLogin.status).toBe(200);
  const ent = await api(second.base, 'GET', '/api/queues/ENT');
  expect(ent.status).toBe(200);
  expect(await second.server.stop('SIGINT')).toBe(0);
  expect(await findRunningCluster(dataDir)).toBeUndefined();
}, 120_000);
