import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { AuditEntry, QueueChangeAnswer } from '../../shared/queues';
import type { AppContext, Listeners } from '../context';
import { departmentArchived, notFound } from '../errors';
import { queueClosedText, queueOpenedText } from '../notifications/content';
import { recordFanout } from '../notifications/fanout';
import { getQueueStatus } from '../queues/status';
import { refreshScheduledClose } from '../schedules/store';
import { emitWebhookEvent } from '../webhooks/emit';

export type ChangeReason = AuditEntry['reason'];

export interface QueueChange {
  department: string;
  open: boolean;
  reason: ChangeReason;
  userId: number | null;
  note?: string | undefined;
  manualOverride?: boolean | undefined;
  /** Scheduled closes only: close only if the queue's scheduled close time is at or before this. */
  dueBy?: Date;
}

/** What happened, for callers that word it themselves (the CLI), and the API's answer. */
export interface QueueChangeResult {
  outcome: 'changed' | 'already' | 'not_due';
  answer: QueueChangeAnswer;
}

export type QueueChangeDeps = Pick<AppContext, 'sequelize' | 'clock' | 'config'> & Listeners;

interface Flipped {
  department_id: number;
  name: string;
}

const NOBODY_NOTIFIED = { totalPatientsNotified: 0, notificationFailures: 0 };

/**
 * Opens or closes a queue: in one transaction a conditional update (only a closed queue opens, only an
 * open one closes), the audit entry and the fan-out. Concurrent requests serialise on the row; the
 * losers see no row to change and answer "already open/closed" with nothing written or sent. The one
 * command behind the nurse's routes, the legacy route, the scheduler and the CLI.
 */
export async function changeQueueState(
  deps: QueueChangeDeps,
  change: QueueChange,
): Promise<QueueChangeResult> {
  const { sequelize } = deps;
  const result = await sequelize.transaction(async (transaction) => {
    const flipped = await flip(sequelize, change, transaction, deps.clock.now());
    if (!flipped) return undefined;
    const recipients = await recordChange(deps, transaction, change, flipped);
    await refreshScheduledClose(sequelize, transaction, change.department, deps.config.timeZone);
    const status = await getQueueStatus(sequelize, change.department, transaction);
    return { status, recipients };
  });

  if (!result) {
    const status = await getQueueStatus(sequelize, change.department);
    const already = status.isOpen === change.open;
    const message = already
      ? `Queue is already ${change.open ? 'open' : 'closed'}`
      : 'Queue is not due to close yet';
    return {
      outcome: already ? 'already' : 'not_due',
      answer: { message, status, notificationStats: NOBODY_NOTIFIED },
    };
  }
  // After the answer is written: writing to thousands of sockets takes a few hundred milliseconds of
  // this thread, which the nurse who clicked should not wait for.
  const { status } = result;
  const { realtime } = deps;
  if (realtime) setImmediate(() => realtime.queueStatus(status));
  deps.outbox?.wake();
  deps.scheduler?.refresh();
  return {
    outcome: 'changed',
    answer: {
      message: `Queue ${change.open ? 'opened' : 'closed'} successfully`,
      status,
      notificationStats: { totalPatientsNotified: result.recipients, notificationFailures: 0 },
    },
  };
}

/** The audit entry and the fan-out of one change; answers how many patients it will reach. */
async function recordChange(
  deps: QueueChangeDeps,
  transaction: Transaction,
  change: QueueChange,
  flipped: Flipped,
): Promise<number> {
  const { sequelize } = deps;
  const [event] = await sequelize.query<{ id: number }>(
    `INSERT INTO queue_events (department_id, previous_status, new_status, reason, changed_by, note, changed_at)
     VALUES (:departmentId, :previous, :next, :reason, :userId, :note, :now) RETURNING id`,
    {
      replacements: {
        departmentId: flipped.department_id,
        previous: change.open ? 'closed' : 'open',
        next: change.open ? 'open' : 'closed',
        reason: change.reason,
        userId: change.userId,
        note: change.note ?? null,
        now: deps.clock.now().toISOString(),
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  const at = deps.clock.now();
  await emitWebhookEvent(
    sequelize,
    transaction,
    change.open ? 'queue.opened' : 'queue.closed',
    {
      department: change.department,
      reason: change.reason,
      queueEventId: Number(event?.id),
      at: at.toISOString(),
    },
    at,
  );
  return recordFanout(sequelize, transaction, {
    eventKey: `queue_${change.open ? 'opened' : 'closed'}:${event?.id ?? 0}`,
    type: change.open ? 'queue_opened' : 'queue_closed',
    departmentId: flipped.department_id,
    departmentCode: change.department,
    audience: change.open ? 'department_followers' : 'waiting_patients',
    texts: change.open ? queueOpenedText(flipped.name) : queueClosedText(flipped.name),
    data: { department: change.department },
  });
}

async function flip(
  sequelize: Sequelize,
  change: QueueChange,
  transaction: Transaction,
  now: Date,
): Promise<Flipped | undefined> {
  const rows = await sequelize.query<Flipped>(
    change.open
      ? `UPDATE queues q SET is_open = true, manual_override = :manualOverride, opened_at = :now, updated_at = now()
           FROM departments d WHERE d.id = q.department_id AND d.code = :code AND NOT q.is_open AND NOT d.archived
         RETURNING q.department_id, d.name`
      : `UPDATE queues q SET is_open = false, manual_override = false, closed_at = :now, updated_at = now()
           FROM departments d WHERE d.id = q.department_id AND d.code = :code AND q.is_open
            ${change.dueBy ? 'AND q.scheduled_close_at <= :dueBy' : ''}
         RETURNING q.department_id, d.name`,
    {
      replacements: {
        code: change.department,
        manualOverride: change.manualOverride ?? false,
        dueBy: change.dueBy ?? null,
        now: now.toISOString(),
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  if (rows[0]) return rows[0];
  // Nothing flipped: it is already in that state, it is archived (opening), or there is no such department.
  const [department] = await sequelize.query<{ archived: boolean }>(
    `SELECT archived FROM departments WHERE code = :code`,
    { replacements: { code: change.department }, type: QueryTypes.SELECT, transaction },
  );
  if (!department) throw notFound(`There is no department ${change.department}.`);
  // An archived queue may still close (it drains), never open.
  if (change.open && department.archived) throw departmentArchived(change.department);
  return undefined;
}
