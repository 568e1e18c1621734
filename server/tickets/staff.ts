import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { CallReply, StaffTicket } from '../../shared/tickets';
import type { Broadcaster } from '../context';
import type { Config } from '../config';
import { presentTicket, selectTicketList } from './queries';
import type { TicketRow } from './queries';
import { lastCallOf, REACH_COLUMNS, REACH_JOIN, reachabilityOf, serverChannels } from './reach';
import type { ReachContext, ReachRow } from './reach';

/**
 * Whether staff were told this ticket waits long (`long_wait_alerts`, one row per ticket), and the
 * patient's answer to its latest call (its `reply` event after the latest `called` or `recalled`).
 */
interface StaffColumnsRow {
  long_wait: boolean;
  last_reply: { reply: CallReply; at: string } | null;
}

/** A ticket as staff see it, with what decides how its patient can be reached. */
export type StaffTicketRow = TicketRow & ReachRow & StaffColumnsRow;

/** The long-wait alert as a column: a console opened after the alert still marks the ticket. */
const STAFF_COLUMNS = `${REACH_COLUMNS},
    EXISTS (SELECT 1 FROM long_wait_alerts a WHERE a.ticket_id = t.id) AS long_wait,
    (SELECT jsonb_build_object('reply', e.details ->> 'reply',
                               'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       FROM ticket_events e
      WHERE e.ticket_id = t.id AND e.kind = 'reply'
        AND e.id > (SELECT max(c.id) FROM ticket_events c WHERE c.ticket_id = t.id AND c.kind IN ('called', 'recalled'))
      ORDER BY e.id DESC LIMIT 1) AS last_reply`;

/** What staff tickets are read with: the database, the configured channels, and who has a socket now. */
export interface StaffTicketDeps {
  sequelize: Sequelize;
  config: Pick<Config, 'sms' | 'email'>;
  realtime: Pick<Broadcaster, 'connectedUsers'>;
}

/** Staff tickets in one query, then one question to the realtime layer for the whole list. */
export async function findStaffTickets(
  deps: StaffTicketDeps,
  where: string,
  replacements: Record<string, unknown>,
  order: string,
): Promise<StaffTicket[]> {
  const rows = await deps.sequelize.query<StaffTicketRow>(
    `${selectTicketList(where, { columns: STAFF_COLUMNS, joins: REACH_JOIN })} ORDER BY ${order}`,
    { replacements, type: QueryTypes.SELECT },
  );
  const reach = await reachContext(deps, rows);
  return rows.map((row) => presentStaffTicket(row, reach));
}

/** The staff copy of a ticket already read (in a command's transaction): its reach, read after commit. */
export async function staffTicketOf(deps: StaffTicketDeps, row: TicketRow): Promise<StaffTicket> {
  const [reachRow] = await deps.sequelize.query<ReachRow & StaffColumnsRow>(
    `SELECT ${STAFF_COLUMNS}
       FROM tickets t JOIN users u ON u.id = t.user_id ${REACH_JOIN}
      WHERE t.id = :id`,
    { replacements: { id: row.id }, type: QueryTypes.SELECT },
  );
  if (!reachRow) throw new Error(`ticket ${row.id} vanished after its change committed`);
  const full = { ...row, ...reachRow };
  return presentStaffTicket(full, await reachContext(deps, [full]));
}

/** Sockets are asked about only for patients push does not already reach. */
async function reachContext(deps: StaffTicketDeps, rows: StaffTicketRow[]): Promise<ReachContext> {
  const unsure = [...new Set(rows.filter((row) => !row.push_fresh).map((row) => Number(row.user_id)))];
  const connected = unsure.length === 0 ? new Set<number>() : await deps.realtime.connectedUsers(unsure);
  return { connected, channels: serverChannels(deps.config) };
}

export function presentStaffTicket(row: StaffTicketRow, reach: ReachContext): StaffTicket {
  return {
    ...presentTicket(row),
    patientName: row.patient_name,
    priority: row.priority,
    callCount: row.call_count,
    reachability: reachabilityOf(row, Number(row.user_id), reach),
    lastCall: lastCallOf(row),
    longWait: row.long_wait,
    reply: row.last_reply,
  };
}
