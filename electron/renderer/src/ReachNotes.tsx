import { Trans } from 'react-i18next';
import type { StaffTicket } from '../../../shared/tickets';
import { outcomeLabel, reachHelp, reachLabel } from './reach';
import type { CallOutcome } from './reach';

/** How the patient can be told it is their turn; "Display only" stands out: only the room's screen will. */
export function ReachLabel({ ticket }: { ticket: StaffTicket }) {
  // Someone being seen is in the room already.
  if (ticket.status === 'serving') return null;
  const { reachability } = ticket;
  return (
    <span className={`reach reach-${reachability}`} title={reachHelp(reachability)}>
      {reachLabel(reachability)}
    </span>
  );
}

/** Under a called ticket's status: whether its call got through. */
export function CallOutcomeNote({ outcome }: { outcome: CallOutcome | null }) {
  if (!outcome) return null;
  const label = outcomeLabel(outcome);
  if (outcome.kind === 'unreached') return <strong className="call-outcome call-unreached">{label}</strong>;
  return <span className={`call-outcome call-${outcome.kind}`}>{label}</span>;
}

/**
 * Above the list, the called patients nothing reached. Always in the page, so that each one added is
 * announced (an assertive live region: a nurse must act on it now).
 */
export function UnreachedAlert({ tickets }: { tickets: StaffTicket[] }) {
  return (
    <div role="alert" className="unreached-alert">
      {tickets.map((ticket) => (
        <p key={ticket.id}>
          <Trans
            i18nKey={ticket.room ? 'reach.alert' : 'reach.alertNoRoom'}
            values={{ number: ticket.number, name: ticket.patientName, room: ticket.room }}
            components={{ strong: <strong /> }}
          />
        </p>
      ))}
    </div>
  );
}
