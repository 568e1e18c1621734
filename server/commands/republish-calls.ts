import type { Sequelize } from 'sequelize';
import type { Broadcaster } from '../context';
import type { Config } from '../config';
import { presentTicket } from '../tickets/queries';
import { ticketById } from '../tickets/records';
import { staffTicketOf } from '../tickets/staff';

export interface RepublishDeps {
  sequelize: Sequelize;
  config: Pick<Config, 'sms' | 'email'>;
  realtime: Pick<Broadcaster, 'connectedUsers' | 'ticketUpdated'>;
}

/**
 * Tells staff (and owners) the tickets whose call changed channels after the call itself: escalated to
 * SMS or email, or that email or text sent or failed. The console then shows the call as escalated.
 * A ticket deleted since (the patient's account erased) is skipped.
 */
export async function republishCalls(deps: RepublishDeps, ticketIds: number[]): Promise<void> {
  for (const id of new Set(ticketIds)) {
    const row = await ticketById(deps.sequelize, id).catch(() => null);
    if (!row) continue;
    deps.realtime.ticketUpdated(Number(row.user_id), presentTicket(row), await staffTicketOf(deps, row));
  }
}
