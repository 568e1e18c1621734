import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { AdminAction, AdminLogEntry, AdminLogPage } from '../../shared/staff';
import { iso } from '../util/iso';

/** One entry of the admin log: who did what to which account or department, and what changed. */
export interface AdminLogInput {
  /** null: the server's own command line. */
  actorId: number | null;
  action: AdminAction;
  target: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Anything else worth keeping beside before and after (the IP of a sign-in). */
  extra?: Record<string, unknown>;
}

export const staffTarget = (id: number) => `staff:${id}`;
export const departmentTarget = (code: string) => `department:${code}`;
export const apiKeyTarget = (id: number) => `api_key:${id}`;

/** Written in the caller's transaction, so a change and its entry commit together or not at all. */
export async function recordAdminLog(
  sequelize: Sequelize,
  transaction: Transaction,
  entry: AdminLogInput,
): Promise<void> {
  const details = { ...entry.extra, before: entry.before, after: entry.after };
  await sequelize.query(
    `INSERT INTO admin_log (actor_id, action, target, details) VALUES (:actorId, :action, :target, :details::jsonb)`,
    {
      replacements: {
        actorId: entry.actorId,
        action: entry.action,
        target: entry.target,
        details: JSON.stringify(details),
      },
      transaction,
    },
  );
}

interface AdminLogRow {
  id: number;
  actor_id: number | null;
  actor_name: string | null;
  action: AdminAction;
  target: string;
  details: AdminLogEntry['details'];
  at: Date;
}

/** Newest first, a page at a time; `before` is the previous page's `nextCursor` (an entry id). */
export async function adminLogPage(
  sequelize: Sequelize,
  page: { limit: number; before?: number | undefined },
): Promise<AdminLogPage> {
  const rows = await sequelize.query<AdminLogRow>(
    `SELECT l.id, l.actor_id, u.name AS actor_name, l.action, l.target, l.details, l.at
       FROM admin_log l LEFT JOIN users u ON u.id = l.actor_id
      ${page.before ? 'WHERE l.id < :before' : ''}
      ORDER BY l.id DESC LIMIT :limit`,
    { replacements: { before: page.before ?? null, limit: page.limit + 1 }, type: QueryTypes.SELECT },
  );
  const items = rows.slice(0, page.limit).map(presentEntry);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? String(last.id) : null };
}

function presentEntry(row: AdminLogRow): AdminLogEntry {
  return {
    id: Number(row.id),
    actor: row.actor_id === null ? null : { id: Number(row.actor_id), name: row.actor_name ?? '' },
    action: row.action,
    target: row.target,
    details: row.details,
    at: iso(row.at) ?? '',
  };
}

/** The fields whose value differs between two snapshots, as they were and as they became. */
export function changedFields<T extends object>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    was[key] = before[key];
    now[key] = after[key];
  }
  return { before: was, after: now };
}
