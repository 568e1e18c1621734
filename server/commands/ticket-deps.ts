import type { AppContext } from '../context';

/** What a ticket command uses: the database, the clock and time zone, and who hears of the change. */
export type TicketDeps = Pick<AppContext, 'sequelize' | 'clock' | 'config' | 'realtime' | 'outbox'>;
