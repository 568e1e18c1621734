import type { Ticket } from '../../shared/tickets';
import { ticketStep } from './ticket-step';
import type { StepDeps } from './ticket-step';

/** The called patient did not come; they are told so. */
export function markNoShow(deps: StepDeps, nurseId: number, ticketId: number): Promise<Ticket> {
  return ticketStep(deps, nurseId, ticketId, 'no_show');
}
