import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { NotificationType } from '../../shared/notifications';
import { AUDIENCES } from './audiences';
import type { Texts } from './content';
import type { Audience } from './audiences';

export interface FanoutSpec {
  eventKey: string;
  type: NotificationType;
  departmentId: number | null;
  departmentCode: string | null;
  audience: Audience;
  texts: Texts;
  data: Record<string, unknown>;
}

export const OUTBOX_CHANNEL = 'queuebell_outbox';

/**
 * Records a fan-out inside the caller's transaction: one outbox row, counted recipients, and a NOTIFY
 * that PostgreSQL delivers to every server process only if the transaction commits. Workers expand it
 * into notifications (see outbox-worker.ts), so the nurse's answer does not wait for 100,000 inserts.
 */
export async function recordFanout(
  sequelize: Sequelize,
  transaction: Transaction,
  spec: FanoutSpec,
): Promise<number> {
  const [row] = await sequelize.query<{ recipients: number }>(
    `WITH inserted AS (
       INSERT INTO fanouts (event_key, type, department_id, audience, title, body, texts, data, recipients)
       SELECT :eventKey, :type, :departmentId, :audience, :title, :body, :texts::jsonb, :data::jsonb, count(*)
         FROM users u WHERE ${AUDIENCES[spec.audience]('now()', ':departmentCode', ':departmentId')}
       ON CONFLICT (event_key) DO NOTHING
       RETURNING recipients)
     SELECT recipients FROM inserted`,
    {
      replacements: {
        ...spec,
        title: spec.texts.en.title,
        body: spec.texts.en.body,
        texts: JSON.stringify(spec.texts),
        data: JSON.stringify(spec.data),
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  await sequelize.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', 'fanout')`, { transaction });
  return row?.recipients ?? 0;
}
