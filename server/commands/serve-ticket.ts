import type { Ticket } from '../../shared/tickets';
import { ticketStep } from './ticket-step';
import type { StepDeps } from './ticket-step';

/** The called patient is being seen. */
export function serveTicket(deps: StepDeps, nurseId: number, ticketId: number): Promise<Ticket> {
  return ticketStep(deps, nurseId, ticketId, 'serve');
}
