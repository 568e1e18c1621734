import type { Sequelize, Transaction } from 'sequelize';
import { almostYourTurnText, localizedSql } from '../notifications/content';
import { escalateAtSql } from '../notifications/escalate-at';
import { notifyNewRowsSql } from '../notifications/handoff';

/**
 * "Almost your turn", once per ticket: every waiting ticket now at or above the department's alert
 * position that has not been told yet is flagged and gets one notification, in the caller's transaction.
 * Positions can jump (a cancellation, an emergency ahead), so this is "reached", not "equals".
 */
export async function notifyAlmostYourTurn(
  sequelize: Sequelize,
  transaction: Transaction,
  department: { id: number; name: string; alertPosition: number },
): Promise<void> {
  const texts = almostYourTurnText(department.name);
  await sequelize.query(
    `WITH ranked AS (
       SELECT id, row_number() OVER (ORDER BY priority_weight DESC, due_at, id) AS position
         FROM tickets WHERE department_id = :departmentId AND status = 'waiting'),
     -- SKIP LOCKED: a row another transaction holds is being called or told by it. Waiting for it
     -- instead could deadlock two nurses calling at once, each holding the ticket the other reaches for.
     candidates AS (
       SELECT t.id, r.position FROM tickets t JOIN ranked r ON r.id = t.id
        WHERE r.position <= :alertPosition AND NOT t.almost_notified
        FOR UPDATE OF t SKIP LOCKED),
     due AS (
       UPDATE tickets t SET almost_notified = true FROM candidates c WHERE t.id = c.id
       RETURNING t.id, t.user_id, t.number, c.position),
     inserted AS (
       INSERT INTO notifications (user_id, department_id, type, event_key, title, body, data, escalate_at)
       SELECT due.user_id, :departmentId, 'almost_your_turn', 'almost_your_turn:' || due.id,
              ${localizedSql(':texts::jsonb', 'title', ':title')}, ${localizedSql(':texts::jsonb', 'body', ':body')},
              jsonb_build_object('ticket', due.number, 'position', due.position, 'ticketId', due.id),
              ${escalateAtSql("'almost_your_turn'", ':departmentId')}
         FROM due JOIN users u ON u.id = due.user_id
       ON CONFLICT (user_id, event_key) DO NOTHING
       RETURNING id)
     ${notifyNewRowsSql('inserted')}`,
    {
      replacements: {
        departmentId: department.id,
        alertPosition: department.alertPosition,
        texts: JSON.stringify(texts),
        ...texts.en,
      },
      transaction,
    },
  );
}
