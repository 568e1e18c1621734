import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { QueueStatus } from '../../shared/schemas';
import { notFound } from '../errors';
import { iso } from '../util/iso';
import { statusMessage } from '../util/status-message';
import {
  estimateMinutes,
  estimateRange,
  ROOMS_SQL,
  SERVICE_MINUTES_SQL,
  SERVICE_SPREAD_SQL,
} from '../tickets/estimates';

interface QueueRow {
  id: number;
  total_waiting: number;
  now_serving: Array<{ ticket: string; room: string; calledAt: string }>;
  service_minutes: number | null;
  rooms: number;
  service_spread: number[] | null;
  code: string;
  name: string;
  is_open: boolean;
  manual_override: boolean;
  opened_at: Date | null;
  closed_at: Date | null;
  scheduled_close_at: Date | null;
}

/**
 * One query for every department's status: the public board is read far more often than it changes.
 * The whole board leaves archived departments out; one asked for by code is answered all the same (its
 * history stays, and a ticket held there still names it).
 */
export async function listQueueStatuses(
  sequelize: Sequelize,
  options: { codes?: string[]; transaction?: Transaction } = {},
): Promise<QueueStatus[]> {
  const rows = await sequelize.query<QueueRow>(
    `SELECT d.id, d.code, d.name, q.is_open, q.manual_override, q.opened_at, q.closed_at, q.scheduled_close_at,
            (SELECT count(*) FROM tickets t WHERE t.department_id = d.id AND t.status = 'waiting')::int AS total_waiting,
            (SELECT coalesce(json_agg(json_build_object('ticket', t.number, 'room', t.room, 'calledAt', t.last_called_at)
                                      ORDER BY t.last_called_at DESC), '[]')
               FROM tickets t WHERE t.department_id = d.id AND t.status IN ('called', 'serving')) AS now_serving,
            ${SERVICE_MINUTES_SQL('d.id')} AS service_minutes, ${ROOMS_SQL('d.id')}::int AS rooms,
            ${SERVICE_SPREAD_SQL('d.id')} AS service_spread
       FROM departments d JOIN queues q ON q.department_id = d.id
      ${options.codes ? 'WHERE d.code IN (:codes)' : 'WHERE NOT d.archived'}
      ORDER BY d.code`,
    {
      replacements: { codes: options.codes ?? [] },
      type: QueryTypes.SELECT,
      transaction: options.transaction,
    },
  );
  return rows.map(presentQueueRow);
}

export async function getQueueStatus(
  sequelize: Sequelize,
  code: string,
  transaction?: Transaction,
): Promise<QueueStatus> {
  const [status] = await listQueueStatuses(sequelize, {
    codes: [code],
    ...(transaction ? { transaction } : {}),
  });
  if (!status) throw notFound(`There is no department ${code}.`);
  return status;
}

function presentQueueRow(row: QueueRow): QueueStatus {
  const totalWaiting = row.total_waiting;
  return {
    id: Number(row.id),
    department: row.code,
    name: row.name,
    isOpen: row.is_open,
    totalWaiting,
    statusMessage: statusMessage(row.is_open, totalWaiting),
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    scheduledCloseAt: iso(row.scheduled_close_at),
    manualOverride: row.manual_override,
    nowServing: row.now_serving.map((serving) => ({
      ...serving,
      calledAt: iso(new Date(serving.calledAt)) ?? '',
    })),
    // What someone joining now can expect: everyone waiting is ahead of them.
    estimatedWaitMinutes:
      totalWaiting === 0
        ? 0
        : estimateMinutes(
            totalWaiting,
            row.service_minutes === null ? null : Number(row.service_minutes),
            row.rooms,
          ),
    estimatedWaitRange: totalWaiting === 0 ? null : estimateRange(totalWaiting, spreadOf(row), row.rooms),
  };
}

/** The spread column as two numbers (PostgreSQL's float8[] may arrive as strings). */
function spreadOf(row: QueueRow): [number, number] | null {
  const [low, high] = row.service_spread ?? [];
  if (low === undefined || high === undefined) return null;
  return [Number(low), Number(high)];
}
