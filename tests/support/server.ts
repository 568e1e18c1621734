import { loadConfig } from '../../server/config';
import type { Config } from '../../server/config';
import { createSequelize } from '../../server/db/connection';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/server';
import type { RunningServer, ServerOptions } from '../../server/server';
import type { Role } from '../../shared/constants';
import { createUser } from '../../server/commands/create-user';
import { createTestDatabase } from './db';
import type { TestDatabase } from './db';

export interface TestServer extends RunningServer {
  db: TestDatabase;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** The real server, on port 0, on a fresh copy of the migrated template database. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: Omit<ServerOptions, 'database'> = {},
): Promise<TestServer> {
  return startTestServerOn(await createTestDatabase(), env, options);
}

/** The real server on a given test database, e.g. a second start on the data of a stopped one. */
export async function startTestServerOn(
  db: TestDatabase,
  env: Record<string, string> = {},
  options: Omit<ServerOptions, 'database'> = {},
): Promise<TestServer> {
  const config: Config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const sequelize = createSequelize({ url: db.url, poolMax: 10 });
  const server = await startServer(config, logger, {
    ...options,
    database: { sequelize, url: db.url, embedded: false, close: () => sequelize.close() },
  });
  return {
    ...server,
    db,
    async stop() {
      await server.close();
      await db.drop();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small fetch wrapper: JSON in, JSON (or text) out, bearer token when given. */
export async function api<T = Record<string, unknown>>(
  server: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (metrics, HTML): the text itself.
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

let counter = 0;
/** A user of any role with a token, created directly (staff cannot self-register). */
export async function signedInUser(
  server: { url: string },
  role: Role,
  overrides: { email?: string; name?: string; departments?: 'all' | string[] } = {},
): Promise<{ token: string; id: number; email: string; password: string }> {
  counter += 1;
  const email = overrides.email ?? `${role}${counter}-${Date.now()}@test.example`;
  const password = 'correct horse battery';
  const user = await createUser({
    email,
    password,
    name: overrides.name ?? `${role} ${counter}`,
    role,
    departments: overrides.departments,
  });
  const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
    body: { email, password },
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { token: login.body.token, id: user.id, email, password };
}
