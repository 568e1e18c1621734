import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/db';
import type { AdminLogPage } from '../../shared/staff';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { runCli } from '../support/process';

let server: TestServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  env = { DATABASE_URL: server.db.url };
});
afterAll(async () => {
  await server.stop();
});

describe('CLI', () => {
  it('creates a nurse who can then sign in', async () => {
    const result = await runCli(
      [
        'user:create',
        '--role',
        'nurse',
        '--email',
        'Nora@Ward.example',
        '--name',
        'Nora',
        '--password',
        'nurse-pass-123',
      ],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.output).toContain('Created nurse nora@ward.example');
    const login = await api<{ user: { role: string } }>(server, 'POST', '/api/auth/login', {
      body: { email: 'nora@ward.example', password: 'nurse-pass-123' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('nurse');
  });

  it('creates a nurse for some departments only, logged as made at the server', async () => {
    const args = ['user:create', '--role', 'nurse', '--email', 'lab@ward.example', '--name', 'Lab'];
    const result = await runCli([...args, '--password', 'lab-pass-123', '--departments', 'lab, OPD'], env);
    expect(result.code).toBe(0);
    expect(result.output).toContain('departments: LAB, OPD');
    const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
      body: { email: 'lab@ward.example', password: 'lab-pass-123' },
    });
    const departments = await api<Array<{ code: string }>>(server, 'GET', '/api/departments', {
      token: login.body.token,
    });
    expect(departments.body.map((department) => department.code)).toEqual(['LAB', 'OPD']);
    const admin = await signedInUser(server, 'admin');
    const log = await api<AdminLogPage>(server, 'GET', '/api/admin/log', { token: admin.token });
    expect(log.body.items.find((entry) => entry.action === 'staff.created')).toMatchObject({
      actor: null,
      details: { before: null, after: { email: 'lab@ward.example', departments: ['LAB', 'OPD'] } },
    });

    const unknown = await runCli(
      ['user:create', '--role', 'nurse', '--email', 'x@ward.example', '--name', 'X', '--departments', 'XRAY'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('--departments: names no department: XRAY');
  });

  it('prints a generated password when none is given', async () => {
    const result = await runCli(
      ['user:create', '--role', 'admin', '--email', 'boss@ward.example', '--name', 'Boss'],
      env,
    );
    expect(result.code).toBe(0);
    const password = result.output.match(/^Password: (\S+)$/m)?.[1];
    const login = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'boss@ward.example', password },
    });
    expect(login.status).toBe(200);
  });

  it('fails with a clear message and a non-zero exit on bad input', async () => {
    const role = await runCli(
      ['user:create', '--role', 'patient', '--email', 'p@x.example', '--name', 'P'],
      env,
    );
    expect(role.code).toBe(1);
    expect(role.output).toContain('--role must be nurse or admin');
    const duplicate = await runCli(
      [
        'user:create',
        '--role',
        'nurse',
        '--email',
        'nora@ward.example',
        '--name',
        'Nora',
        '--password',
        'another-pass-1',
      ],
      env,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.output).toContain('already exists');
    const short = await runCli(
      ['user:create', '--role', 'nurse', '--email', 'x@ward.example', '--name', 'X', '--password', 'short'],
      env,
    );
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/--password: must be at least 8 characters/);
    const missing = await runCli(['department:create', '--code', 'ICU'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain("required option '--name <name>' not specified");
    const unknown = await runCli(['no-such-command'], env);
    expect(unknown.code).not.toBe(0);
  });

  it('creates departments and refuses a duplicate', async () => {
    const created = await runCli(['department:create', '--code', 'icu', '--name', 'Intensive care'], env);
    expect(created.code).toBe(0);
    expect((await api(server, 'GET', '/api/queues/ICU')).status).toBe(200);
    const again = await runCli(['department:create', '--code', 'ICU', '--name', 'Again'], env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already exists');
  });

  it('has --help for every command', async () => {
    const commands = ['user:create', 'department:create', 'db:migrate', 'db:rollback'];
    const helps = await Promise.all(commands.map((command) => runCli([command, '--help'], env)));
    commands.forEach((command, index) => {
      expect(helps[index]?.code).toBe(0);
      expect(helps[index]?.output).toContain(`Usage: queuebell ${command}`);
    });
  });

  it('reports an up-to-date database on db:migrate', async () => {
    const result = await runCli(['db:migrate'], env);
    expect(result.code).toBe(0);
    expect(result.output).toContain('up to date');
  });

  it('says to migrate first on a database never set up, without touching it, and works after', async () => {
    const empty = await createEmptyDatabase();
    const fresh = { DATABASE_URL: empty.url };
    try {
      const refused = await runCli(
        ['user:create', '--role', 'nurse', '--email', 'n@w.example', '--name', 'N'],
        fresh,
      );
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('This database has no Queuebell tables yet');
      expect(refused.output).toContain('npm run cli -- db:migrate');
      expect(refused.output).not.toContain('relation');
      expect(await tablesIn(empty.url)).toEqual([]);

      expect((await runCli(['db:migrate'], fresh)).code).toBe(0);
      expect(
        (await runCli(['user:create', '--role', 'nurse', '--email', 'n@w.example', '--name', 'N'], fresh))
          .code,
      ).toBe(0);

      // A version behind: named, with the same way out.
      expect((await runCli(['db:rollback'], fresh)).code).toBe(0);
      const behind = await runCli(['notifications:stats'], fresh);
      expect(behind.code).toBe(1);
      expect(behind.output).toMatch(/1 migration\(s\) behind this version of Queuebell \(next: \d{4}-/);
    } finally {
      await empty.drop();
    }
  });
});

async function tablesIn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}
