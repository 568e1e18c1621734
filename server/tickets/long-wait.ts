import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { TicketLongWaitEvent } from '../../shared/tickets';

/** Waiting tickets older than their department's threshold that staff were not told about yet. */
const DUE = `t.status = 'waiting'
  AND t.joined_at <= now() - make_interval(mins => d.long_wait_minutes)
  AND NOT EXISTS (SELECT 1 FROM long_wait_alerts a WHERE a.ticket_id = t.id)`;

/**
 * Claims the long waits due now, each once across every process and restart: the alert row's primary
 * key is the claim (a second process's insert of the same ticket does nothing). Ticket rows are not
 * locked, so a call-next at the same instant still takes the patient whose turn it is. The database's
 * clock decides, as for escalations, so every process agrees.
 */
export async function claimLongWaits(sequelize: Sequelize, batch: number): Promise<TicketLongWaitEvent[]> {
  const rows = await sequelize.query<{ id: number; code: string; number: string; waiting_minutes: number }>(
    `WITH due AS (
       SELECT t.id, d.code, t.number,
              floor(extract(epoch FROM now() - t.joined_at) / 60)::int AS waiting_minutes
         FROM tickets t JOIN departments d ON d.id = t.department_id
        WHERE ${DUE}
        ORDER BY t.joined_at LIMIT :batch),
     claimed AS (
       INSERT INTO long_wait_alerts (ticket_id, waiting_minutes)
       SELECT id, waiting_minutes FROM due
       ON CONFLICT (ticket_id) DO NOTHING
       RETURNING ticket_id)
     SELECT due.* FROM due JOIN claimed ON claimed.ticket_id = due.id ORDER BY due.id`,
    { replacements: { batch }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    ticketId: Number(row.id),
    department: row.code,
    number: row.number,
    waitingMinutes: row.waiting_minutes,
  }));
}

/** Milliseconds until the next waiting ticket becomes a long wait, or null when none is heading there. */
export async function nextLongWaitInMs(sequelize: Sequelize): Promise<number | null> {
  const [row] = await sequelize.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM min(t.joined_at + make_interval(mins => d.long_wait_minutes)) - now()) * 1000)::int AS ms
       FROM tickets t JOIN departments d ON d.id = t.department_id
      WHERE t.status = 'waiting' AND NOT EXISTS (SELECT 1 FROM long_wait_alerts a WHERE a.ticket_id = t.id)`,
    { type: QueryTypes.SELECT },
  );
  return row?.ms ?? null;
}
