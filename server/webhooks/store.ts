import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Webhook, WebhookDelivery, WebhookEventType } from '../../shared/webhooks';
import { notFound } from '../errors';
import { iso } from '../util/iso';

/** A webhooks row; `secret` is sealed (see secret.ts) and never leaves the server. */
export interface WebhookRow {
  id: number;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  secret: string;
  active: boolean;
  failing_since: Date | null;
  created_at: Date;
}

const COLUMNS = `id, url, events, description, secret, active, failing_since, created_at`;

export function presentWebhook(row: WebhookRow): Webhook {
  return {
    id: Number(row.id),
    url: row.url,
    events: row.events,
    active: row.active,
    createdAt: iso(row.created_at) ?? '',
    description: row.description,
  };
}

export async function insertWebhook(
  sequelize: Sequelize,
  transaction: Transaction,
  webhook: { url: string; events: string[]; description: string | null; secret: string; createdBy: number },
): Promise<WebhookRow> {
  const [row] = await sequelize.query<WebhookRow>(
    `INSERT INTO webhooks (url, events, description, secret, created_by)
     VALUES (:url, ARRAY[:events]::text[], :description, :secret, :createdBy) RETURNING ${COLUMNS}`,
    { replacements: webhook, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw new Error('the webhook insert returned no row');
  return row;
}

/** One webhook, locked for update when a transaction is given; 404 when there is none. */
export async function webhookById(
  sequelize: Sequelize,
  id: number,
  transaction?: Transaction,
): Promise<WebhookRow> {
  const [row] = await sequelize.query<WebhookRow>(
    `SELECT ${COLUMNS} FROM webhooks WHERE id = :id ${transaction ? 'FOR UPDATE' : ''}`,
    { replacements: { id }, type: QueryTypes.SELECT, ...(transaction ? { transaction } : {}) },
  );
  if (!row) throw notFound('There is no such webhook.');
  return row;
}

export async function listWebhooks(sequelize: Sequelize): Promise<WebhookRow[]> {
  return sequelize.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks ORDER BY id`, {
    type: QueryTypes.SELECT,
  });
}

/** Writes the changed fields; turning a webhook on again forgets how long it had been failing. */
export async function saveWebhook(
  sequelize: Sequelize,
  transaction: Transaction,
  id: number,
  change: { url: string; events: string[]; active: boolean; reactivated: boolean },
): Promise<WebhookRow> {
  const [row] = await sequelize.query<WebhookRow>(
    `UPDATE webhooks SET url = :url, events = ARRAY[:events]::text[], active = :active,
            failing_since = CASE WHEN :reactivated THEN NULL ELSE failing_since END
      WHERE id = :id RETURNING ${COLUMNS}`,
    { replacements: { ...change, id }, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw notFound('There is no such webhook.');
  return row;
}

export async function removeWebhook(
  sequelize: Sequelize,
  transaction: Transaction,
  id: number,
): Promise<void> {
  await sequelize.query(`DELETE FROM webhooks WHERE id = :id`, { replacements: { id }, transaction });
  // Events no webhook still has a delivery of are of no more use.
  await sequelize.query(
    `DELETE FROM webhook_events e WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)`,
    { transaction },
  );
}

interface DeliveryRow {
  id: number;
  type: WebhookEventType;
  status: WebhookDelivery['status'];
  attempts: number;
  last_status_code: number | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
}

/** A webhook's latest deliveries, newest first; `nextAttemptAt` only while one is still to come. */
export async function listDeliveries(
  sequelize: Sequelize,
  webhookId: number,
  limit: number,
): Promise<WebhookDelivery[]> {
  await webhookById(sequelize, webhookId);
  const rows = await sequelize.query<DeliveryRow>(
    `SELECT d.id, e.type, d.status, d.attempts, d.last_status_code, d.next_attempt_at, d.delivered_at
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
      WHERE d.webhook_id = :webhookId ORDER BY d.id DESC LIMIT :limit`,
    { replacements: { webhookId, limit }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    id: Number(row.id),
    event: row.type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    deliveredAt: iso(row.delivered_at),
  }));
}

/** Queues a `webhook.test` for one webhook, whatever it subscribes to, and wakes the workers on commit. */
export async function queueTestEvent(
  sequelize: Sequelize,
  transaction: Transaction,
  webhookId: number,
  at: Date,
): Promise<number> {
  const [row] = await sequelize.query<{ id: number }>(
    `WITH event AS (
       INSERT INTO webhook_events (type, data, occurred_at)
       VALUES ('webhook.test', jsonb_build_object('webhookId', :webhookId::bigint), :at) RETURNING id)
     INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at, give_up_at)
     SELECT :webhookId, event.id, :at, :at::timestamptz + interval '24 hours' FROM event RETURNING id`,
    { replacements: { webhookId, at: at.toISOString() }, type: QueryTypes.SELECT, transaction },
  );
  await sequelize.query(`SELECT pg_notify('webhook_deliveries', '')`, { transaction });
  return Number(row?.id);
}
