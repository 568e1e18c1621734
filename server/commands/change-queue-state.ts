import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { QueueChangeAnswer } from '../../shared/queues';
import type { AppContext } from '../context';
import { notFound } from '../errors';
import { queueClosedText, queueOpenedText } from '../notifications/content';
import { recordFanout } from '../notifications/fanout';
import { refreshScheduledClose } from '../schedules/store';
import { getQueueStatus } from '../queues/status';

export type ChangeReason = 'manual' | 'schedule' | 'api';

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

interface Flipped {
  department_id: number;
  name: string;
}

/**
 * Opens or closes a queue: in one transaction a conditional update (only a closed queue opens, only an
 * open one closes), the audit entry and the fan-out. Concurrent requests serialise on the row; the
 * losers see no row to change and answer "already open/closed" with nothing written or sent.
 */
export async function changeQueueState(ctx: AppContext, change: QueueChange): Promise<QueueChangeAnswer> {
  const { sequelize } = ctx;
  const verb = change.open ? 'opened' : 'closed';
  const result = await sequelize.transaction(async (transaction) => {
    const flipped = await flip(sequelize, change, transaction, ctx.clock.now());
    if (!flipped) return { changed: false as const };
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
          now: ctx.clock.now().toISOString(),
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    const texts = change.open ? queueOpenedText(flipped.name) : queueClosedText(flipped.name);
    const recipients = await recordFanout(sequelize, transaction, {
      eventKey: `queue_${verb}:${event?.id ?? 0}`,
      type: change.open ? 'queue_opened' : 'queue_closed',
      departmentId: flipped.department_id,
      departmentCode: change.department,
      audience: change.open ? 'department_followers' : 'waiting_patients',
      texts,
      data: { department: change.department },
    });
    await refreshScheduledClose(sequelize, transaction, change.department, ctx.config.timeZone);
    const status = await getQueueStatus(sequelize, change.department, transaction);
    return { changed: true as const, status, recipients };
  });

  if (!result.changed) {
    const status = await getQueueStatus(sequelize, change.department);
    return {
      message:
        status.isOpen === change.open
          ? `Queue is already ${change.open ? 'open' : 'closed'}`
          : 'Queue is not due to close yet',
      status,
      notificationStats: { totalPatientsNotified: 0, notificationFailures: 0 },
    };
  }
  // After the answer is written: writing to thousands of sockets takes a few hundred milliseconds of
  // this thread, which the nurse who clicked should not wait for.
  const { status } = result;
  setImmediate(() => ctx.realtime.queueStatus(status));
  ctx.outbox.wake();
  ctx.scheduler.refresh();
  return {
    message: `Queue ${verb} successfully`,
    status: result.status,
    notificationStats: { totalPatientsNotified: result.recipients, notificationFailures: 0 },
  };
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
           FROM departments d WHERE d.id = q.department_id AND d.code = :code AND NOT q.is_open
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
  // Nothing flipped: either it is already in that state, or there is no such department.
  await getQueueStatus(sequelize, change.department, transaction).catch(() => {
    throw notFound(`There is no department ${change.department}.`);
  });
  return undefined;
}
