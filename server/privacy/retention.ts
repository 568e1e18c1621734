import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { LOGIN_FAILURE_WINDOW_MINUTES } from '../../shared/constants';
import { GUEST_UNUSED_DAYS } from '../accounts/guests';

/** Rows per statement: each batch is its own short transaction, so no lock is held for long. */
export const RETENTION_BATCH = 1000;

/** What one retention run removes, in order. */
export const RETENTION_STEPS = [
  'notificationsDeleted',
  'ticketsUnlinked',
  'sessionsDeleted',
  'resetTokensDeleted',
  'resetRequestsDeleted',
  'loginFailuresDeleted',
  'guestTicketsUnlinked',
  'guestNotificationsUnlinked',
  'guestsRemoved',
] as const;
export type RetentionStep = (typeof RETENTION_STEPS)[number];
export type RetentionSummary = Record<RetentionStep, number>;

export const STEP_LABELS: Record<RetentionStep, string> = {
  notificationsDeleted: 'notifications deleted',
  ticketsUnlinked: 'tickets unlinked from their patient',
  sessionsDeleted: 'expired or revoked sessions deleted',
  resetTokensDeleted: 'used or expired reset tokens deleted',
  resetRequestsDeleted: 'reset requests older than an hour deleted',
  loginFailuresDeleted: 'old failed sign-ins deleted',
  guestTicketsUnlinked: 'tickets of guests unused for 7 days unlinked',
  guestNotificationsUnlinked: 'notifications of guests unused for 7 days unlinked',
  guestsRemoved: 'guests unused for 7 days removed',
};

/**
 * A guest no session of theirs has used since `:guestCutoff` (nor ever, when made before it), holding
 * no ticket in progress. Their tickets and notifications are unlinked first, as a deletion does, so
 * the figures of their days still add up when the account goes.
 */
const UNUSED_GUEST = (id: string) => `${id} IN (SELECT u.id FROM users u
     WHERE u.guest AND u.created_at <= :guestCutoff
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.last_used_at > :guestCutoff)
       AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.user_id = u.id AND t.status IN ('waiting', 'called', 'serving')))`;

interface Step {
  /** The rows the step acts on, from `FROM <table> x WHERE …` (no ORDER, no LIMIT). */
  table: string;
  where: string;
  /** One batch: `picked` holds the ids chosen (locked, skipping rows others hold); answers how many. */
  act: string;
}

/**
 * `:cutoff` is now less RETENTION_DAYS; `:now` is now; `:hourAgo` the end of the reset limit's window;
 * `:loginCutoff` the end of the login limit's window.
 */
const STEPS: Record<RetentionStep, Step> = {
  notificationsDeleted: {
    table: 'notifications',
    where: 'x.created_at < :cutoff',
    act: `DELETE FROM notifications n USING picked p WHERE n.id = p.id RETURNING 1`,
  },
  ticketsUnlinked: {
    table: 'tickets',
    where: `x.user_id IS NOT NULL AND x.joined_at < :cutoff AND x.status NOT IN ('waiting', 'called', 'serving')`,
    // The steps the patient took themselves (a cancel) lose their actor too: it would name them.
    act: `UPDATE tickets t SET user_id = NULL FROM picked p WHERE t.id = p.id RETURNING 1`,
  },
  sessionsDeleted: {
    table: 'sessions',
    where: 'x.expires_at < :now OR x.revoked_at IS NOT NULL',
    act: `DELETE FROM sessions s USING picked p WHERE s.id = p.id RETURNING 1`,
  },
  resetTokensDeleted: {
    table: 'password_resets',
    where: 'x.expires_at < :now OR x.used_at IS NOT NULL',
    act: `DELETE FROM password_resets r USING picked p WHERE r.id = p.id RETURNING 1`,
  },
  resetRequestsDeleted: {
    table: 'password_reset_requests',
    where: 'x.created_at < :hourAgo',
    act: `DELETE FROM password_reset_requests r USING picked p WHERE r.id = p.id RETURNING 1`,
  },
  loginFailuresDeleted: {
    table: 'login_failures',
    where: 'x.created_at < :loginCutoff',
    act: `DELETE FROM login_failures l USING picked p WHERE l.id = p.id RETURNING 1`,
  },
  guestTicketsUnlinked: {
    table: 'tickets',
    where: UNUSED_GUEST('x.user_id'),
    act: `UPDATE tickets t SET user_id = NULL FROM picked p WHERE t.id = p.id RETURNING 1`,
  },
  guestNotificationsUnlinked: {
    table: 'notifications',
    where: UNUSED_GUEST('x.user_id'),
    // Nothing tries to reach a notification that belongs to nobody (see privacy/erase.ts).
    act: `UPDATE notifications n SET user_id = NULL, escalate_at = NULL, lease_until = NULL,
            push_status = CASE WHEN n.push_status = 'pending' THEN 'done' ELSE n.push_status END
          FROM picked p WHERE n.id = p.id RETURNING 1`,
  },
  guestsRemoved: {
    table: 'users',
    where: UNUSED_GUEST('x.id'),
    act: `DELETE FROM users u USING picked p WHERE u.id = p.id RETURNING 1`,
  },
};

export interface RetentionOptions {
  retentionDays: number;
  now: Date;
  dryRun?: boolean;
  /** Told the total of each step before it starts, and after each batch how far it got. */
  onProgress?: (step: RetentionStep, done: number, total: number) => void;
}

function replacementsOf(options: RetentionOptions): Record<string, Date> {
  const { now, retentionDays } = options;
  return {
    now,
    cutoff: new Date(now.getTime() - retentionDays * 24 * 60 * 60_000),
    hourAgo: new Date(now.getTime() - 60 * 60_000),
    loginCutoff: new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MINUTES * 60_000),
    guestCutoff: new Date(now.getTime() - GUEST_UNUSED_DAYS * 24 * 60 * 60_000),
  };
}

/**
 * One retention run: notifications older than RETENTION_DAYS deleted (their email/SMS records with them),
 * older finished tickets unlinked from their patient, expired sessions and reset tokens deleted, and the
 * per-email counters that have done their job, and guests unused for a week. A dry run counts and changes
 * nothing.
 */
export async function runRetention(
  sequelize: Sequelize,
  options: RetentionOptions,
): Promise<RetentionSummary> {
  const replacements = replacementsOf(options);
  const summary = Object.fromEntries(RETENTION_STEPS.map((step) => [step, 0])) as RetentionSummary;
  for (const step of RETENTION_STEPS) {
    const total = await countStep(sequelize, STEPS[step], replacements);
    options.onProgress?.(step, 0, total);
    if (options.dryRun) {
      summary[step] = total;
      continue;
    }
    summary[step] = await drainStep(sequelize, step, replacements, (done) =>
      options.onProgress?.(step, done, Math.max(done, total)),
    );
  }
  return summary;
}

async function countStep(
  sequelize: Sequelize,
  step: Step,
  replacements: Record<string, Date>,
): Promise<number> {
  const [row] = await sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM ${step.table} x WHERE ${step.where}`,
    { replacements, type: QueryTypes.SELECT },
  );
  return row?.count ?? 0;
}

async function drainStep(
  sequelize: Sequelize,
  name: RetentionStep,
  replacements: Record<string, Date>,
  onBatch: (done: number) => void,
): Promise<number> {
  const step = STEPS[name];
  const picked = `SELECT x.id${name === 'ticketsUnlinked' ? ', x.user_id' : ''} FROM ${step.table} x
      WHERE ${step.where} ORDER BY x.id LIMIT ${RETENTION_BATCH} FOR UPDATE SKIP LOCKED`;
  const actorsGone =
    name === 'ticketsUnlinked'
      ? `, actors AS (UPDATE ticket_events e SET actor_id = NULL FROM picked p
                       WHERE e.ticket_id = p.id AND e.actor_id = p.user_id)`
      : '';
  let done = 0;
  for (;;) {
    const [row] = await sequelize.query<{ count: number }>(
      `WITH picked AS (${picked})${actorsGone}, acted AS (${step.act}) SELECT count(*)::int AS count FROM acted`,
      { replacements, type: QueryTypes.SELECT },
    );
    const count = row?.count ?? 0;
    if (count === 0) return done;
    done += count;
    onBatch(done);
    // Rows others held (SKIP LOCKED) are left for the next run rather than waited for.
    if (count < RETENTION_BATCH) return done;
  }
}
