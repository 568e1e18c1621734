import type { Ticket } from '../../shared/tickets';
import { ticketStep } from './ticket-step';
import type { StepDeps } from './ticket-step';

/** The patient has been seen; the ticket is done. */
export function completeTicket(deps: StepDeps, nurseId: number, ticketId: number): Promise<Ticket> {
  return ticketStep(deps, nurseId, ticketId, 'complete');
}
