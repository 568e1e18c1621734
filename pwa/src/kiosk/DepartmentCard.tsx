import type { CSSProperties } from 'react';
import type { NowServing, QueueStatus } from '../../../shared/schemas';
import './department.css';
import type { CallRecord } from './history';
import { STRINGS } from './i18n';
import { Label } from './Label';
import { QrCode } from './QrCode';
import { formatTime } from './time';
import type { LanguagePair } from './useLanguages';

/** How long a fresh call stays highlighted. */
export const HIGHLIGHT_MS = 10_000;
/** Rooms shown at full size; the rest of "now serving" is counted. */
const SERVING_SHOWN = 3;
/** Widths in em of the bold display face (capitals and digits run about 0.75em): enough to size by. */
const CHAR_EM = 0.75;
const ROOM_LABEL_EM = 3.5;

/**
 * Font sizes that fit the longest number on one line (CSS divides the column's width by these): a ticket
 * number is never cut, whether the department code has 2 letters or 16.
 */
function fitWidths(serving: readonly NowServing[]): CSSProperties & Record<`--${string}`, number> {
  const longest = (values: string[]) => Math.max(7, ...values.map((value) => value.length));
  const tickets = longest(serving.map((entry) => entry.ticket));
  const rooms = Math.max(1, ...serving.map((entry) => entry.room.length));
  return {
    '--first-em': longest(serving.slice(0, 1).map((entry) => entry.ticket)) * CHAR_EM,
    '--row-em': (tickets + rooms) * CHAR_EM + ROOM_LABEL_EM,
  };
}

interface DepartmentCardProps {
  status: QueueStatus;
  calls: readonly CallRecord[];
  pair: LanguagePair;
  now: number;
}

/** Public data only: department, state, counts, ticket numbers and rooms. Never a name. */
export function DepartmentCard({ status, calls, pair, now }: DepartmentCardProps) {
  const headingId = `department-${status.department}`;

  return (
    <section
      className={`department ${status.isOpen ? 'is-open' : 'is-closed'}`}
      aria-labelledby={headingId}
      data-department={status.department}
    >
      {/* The card is the size container; its layout lives one level down (a container cannot query itself). */}
      <div className="department-body">
        <header className="department-header">
          <h2 id={headingId}>{status.name}</h2>
          <Label
            pair={pair}
            className={`badge ${status.isOpen ? 'badge-open' : 'badge-closed'}`}
            text={(s) => (status.isOpen ? s.open : s.closed)}
          />
        </header>
        <Facts status={status} pair={pair} />
        <Serving status={status} calls={calls} pair={pair} now={now} />
        <RecentCalls calls={calls} pair={pair} />
        {status.isOpen && <DepartmentJoin code={status.department} pair={pair} />}
      </div>
    </section>
  );
}

function Facts({ status, pair }: { status: QueueStatus; pair: LanguagePair }) {
  const strings = STRINGS[pair.primary];
  return (
    <dl className="facts">
      <div>
        <dt>
          <Label pair={pair} text={(s) => s.waiting} />
        </dt>
        <dd data-testid="waiting">{status.totalWaiting}</dd>
      </div>
      {status.isOpen && (
        <div>
          <dt>
            <Label pair={pair} text={(s) => s.estimatedWait} />
          </dt>
          <dd data-testid="estimated-wait">
            {status.totalWaiting === 0
              ? strings.noWait
              : status.estimatedWaitRange
                ? strings.minutesRange(status.estimatedWaitRange.low, status.estimatedWaitRange.high)
                : strings.minutes(status.estimatedWaitMinutes)}
          </dd>
        </div>
      )}
      {status.isOpen && status.scheduledCloseAt && (
        <div>
          <dt>
            <Label pair={pair} text={(s) => s.closes} />
          </dt>
          <dd data-testid="closes-at">{formatTime(status.scheduledCloseAt)}</dd>
        </div>
      )}
    </dl>
  );
}

/** Who is being seen where, the fresh calls highlighted. */
function Serving({ status, calls, pair, now }: DepartmentCardProps) {
  const strings = STRINGS[pair.primary];
  const serving = status.nowServing.slice(0, SERVING_SHOWN);
  const more = status.nowServing.length - serving.length;
  const latestCall = (ticket: string) => calls.find((call) => call.number === ticket);
  return (
    <div className="serving">
      <h3>
        <Label pair={pair} text={(s) => s.nowServing} />
      </h3>
      {serving.length === 0 ? (
        <p className="serving-empty">—</p>
      ) : (
        <ol className="serving-list" style={fitWidths(serving)}>
          {serving.map((entry) => {
            const call = latestCall(entry.ticket);
            const highlighted =
              call !== undefined && call.receivedAt > 0 && now - call.receivedAt < HIGHLIGHT_MS;
            return (
              // Keyed on the call: a recall remounts the row, which restarts its highlight.
              <li
                key={`${entry.ticket}:${call?.seq ?? 0}`}
                className={highlighted ? 'call is-called' : 'call'}
                data-ticket={entry.ticket}
                data-highlight={highlighted}
              >
                <span className="call-ticket">{entry.ticket}</span>
                <span className="call-room">
                  <span className="call-arrow" aria-hidden="true">
                    →
                  </span>{' '}
                  <span className="call-room-label">{strings.room}</span>{' '}
                  <span className="call-room-number">{entry.room}</span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {more > 0 && <p className="serving-more">+{more}</p>}
    </div>
  );
}

function RecentCalls({ calls, pair }: { calls: readonly CallRecord[]; pair: LanguagePair }) {
  const strings = STRINGS[pair.primary];
  return (
    <div className="recent">
      <h3>
        <Label pair={pair} text={(s) => s.lastCalls} />
      </h3>
      {calls.length === 0 ? (
        <p className="recent-empty">{strings.nobodyCalled}</p>
      ) : (
        <ol className="recent-list" data-testid="recent-calls">
          {calls.map((call) => (
            <li key={call.seq}>
              <span className="recent-ticket">{call.number}</span> → {call.room}
              <span className="recent-time">{formatTime(call.calledAt)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * This department's own code: it opens the patient app at `/join/<DEPT>`, which joins this queue (as a
 * guest or signed in) and, for a booking, offers its check-in. Only the address: nothing about anyone.
 */
function DepartmentJoin({ code, pair }: { code: string; pair: LanguagePair }) {
  const url = `${window.location.origin}/join/${encodeURIComponent(code)}`;
  return (
    <div className="department-join" data-join-url={url}>
      <QrCode value={url} label={`${STRINGS[pair.primary].scanToJoin}: ${code}`} />
    </div>
  );
}
