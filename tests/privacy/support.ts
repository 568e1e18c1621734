import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { ParsedMail } from 'mailparser';
import type { Clock } from '../../server/clock';
import { api } from '../support/server';

/** A clock the test moves: the server reads its time from it (reset tokens, retention). */
export function movableClock(): Clock & { move(ms: number): void; reset(): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    move: (ms) => {
      offset += ms;
    },
    reset: () => {
      offset = 0;
    },
  };
}

/** The token of the reset link in an email (its text part). */
export function resetTokenIn(mail: ParsedMail): string {
  const match = /\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`no reset link in: ${mail.text}`);
  return match[1];
}

/** A patient who registered themselves, in a language, with a token. */
export async function registeredPatient(
  server: { url: string },
  options: { email?: string; locale?: string; name?: string } = {},
): Promise<{ id: number; token: string; email: string; password: string }> {
  const email = options.email ?? `patient-${Date.now()}-${Math.random().toString(36).slice(2)}@test.example`;
  const password = 'first password 1';
  const registered = await api<{ token: string; user: { id: number } }>(
    server,
    'POST',
    '/api/auth/register',
    {
      body: { email, password, name: options.name ?? 'Pat Ient', locale: options.locale ?? 'en' },
    },
  );
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status}`);
  return { id: registered.body.user.id, token: registered.body.token, email, password };
}

/** A second session of the same account. */
export async function signIn(server: { url: string }, email: string, password: string): Promise<string> {
  const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
    body: { email, password },
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return login.body.token;
}

/**
 * Every place in the database where any of `needles` appears: each column of each table of the schema
 * (from information_schema), read as text. Answers `table.column` for each hit.
 */
export async function findInEveryTable(sequelize: Sequelize, needles: string[]): Promise<string[]> {
  const columns = await sequelize.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
    { type: QueryTypes.SELECT },
  );
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const [row] = await sequelize.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "${table}" WHERE position(lower(:needle) IN lower("${column}"::text)) > 0) AS found`,
        { replacements: { needle }, type: QueryTypes.SELECT },
      );
      if (row?.found) hits.push(`${table}.${column} has ${needle}`);
    }
  }
  return hits;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
