import type { Ticket } from '../../shared/tickets';
import { ticketStep } from './ticket-step';
import type { StepDeps } from './ticket-step';

/** Calls a called ticket's patient again, into the same room. */
export function recallTicket(deps: StepDeps, nurseId: number, ticketId: number): Promise<Ticket> {
  return ticketStep(deps, nurseId, ticketId, 'recall');
}
