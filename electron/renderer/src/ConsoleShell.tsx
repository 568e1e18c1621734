import { useEffect, useMemo, useState } from 'react';
import type { QueueStatus } from '../../../shared/schemas';
import { useQueueAlerts } from './alerts';
import { errorMessage } from './errors';
import { AuditLogPanel } from './AuditLogPanel';
import { isDesktop } from './bridge';
import { createClient } from './client';
import { ConnectionBanner } from './ConnectionBanner';
import { DeliveryPanel } from './DeliveryPanel';
import type { OpeningReport } from './DeliveryPanel';
import { DepartmentBoard } from './DepartmentBoard';
import { DepartmentPicker, useMyDepartments, visibleQueues } from './DepartmentPicker';
import { plural } from './format';
import { ConsoleContext, useConsole, useLiveEvents, useResource, useStoredState } from './hooks';
import { KioskControl } from './KioskControl';
import { LiveConnection } from './live';
import { MetricsPanel } from './MetricsPanel';
import { QueuePanel } from './QueuePanel';
import { QueueToggleDialog } from './QueueToggleDialog';
import { SchedulesPanel } from './SchedulesPanel';
import type { Session } from './session';

interface Props {
  session: Session;
  onSignOut(): void;
  onSessionEnded(): void;
}

/** Creates the API client and the live connection for one signed-in session. */
export function ConsoleShell({ session, onSignOut, onSessionEnded }: Props) {
  const value = useMemo(
    () => ({
      client: createClient(session, onSessionEnded),
      live: new LiveConnection(session.serverUrl, session.token, onSessionEnded),
    }),
    [session, onSessionEnded],
  );
  useEffect(() => {
    value.live.start();
    return () => value.live.close();
  }, [value]);

  return (
    <ConsoleContext.Provider value={value}>
      <Console session={session} onSignOut={onSignOut} />
    </ConsoleContext.Provider>
  );
}

const TABS = [
  { id: 'queue', label: 'Waiting list' },
  { id: 'delivery', label: 'Delivery' },
  { id: 'schedules', label: 'Schedules' },
  { id: 'audit', label: 'Audit log' },
  { id: 'metrics', label: "Today's metrics" },
] as const;
type Tab = (typeof TABS)[number]['id'];

function Console({ session, onSignOut }: { session: Session; onSignOut(): void }) {
  const { client } = useConsole();
  const queues = useResource('queues', () => client.queues());
  const [selected, setSelected] = useStoredState('department', '');
  const [tab, setTab] = useState<Tab>('queue');
  const [toggling, setToggling] = useState<QueueStatus | null>(null);
  const [opening, setOpening] = useState<OpeningReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [live, setLive] = useState<QueueStatus[] | null>(null);

  // Status events carry the whole QueueStatus: apply them at once, and read the list again on reconnect.
  useEffect(() => setLive(queues.data), [queues.data]);
  useLiveEvents((event) => {
    if (event.kind === 'connected') queues.reload();
    if (event.kind === 'status') {
      const { status } = event;
      // A list read before this event would undo it when it lands (a queue opened during a reconnect's
      // read stayed shown closed): read it once more after the one on its way.
      if (queues.reloading()) queues.reload();
      setLive(
        (current) =>
          current?.map((queue) => (queue.department === status.department ? status : queue)) ?? current,
      );
    }
  });
  const [myDepartments, setMyDepartments] = useMyDepartments();
  const mine = useMemo(() => (live ? visibleQueues(live, myDepartments) : null), [live, myDepartments]);
  useQueueAlerts(mine);

  const current = mine?.find((queue) => queue.department === selected) ?? mine?.[0] ?? null;

  return (
    <div className="console">
      <header className="console-header">
        <h1>Queuebell</h1>
        <p className="hint">
          {session.user.name} ({session.user.role})
        </p>
        <div className="actions">
          <KioskControl onError={setNotice} />
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      {notice && (
        <p role="status" className="notice">
          {notice}{' '}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      {queues.error !== null && !live && <p className="error">{errorMessage(queues.error)}</p>}
      {!live && queues.error === null && <p aria-live="polite">Loading departments…</p>}
      {live && mine && (
        <div className="layout">
          <aside aria-label="Departments board">
            <h2 className="visually-hidden">Departments</h2>
            {live.length > 1 && (
              <DepartmentPicker queues={live} chosen={myDepartments} onChange={setMyDepartments} />
            )}
            <DepartmentBoard
              queues={mine}
              selected={current?.department ?? null}
              onSelect={setSelected}
              onToggle={setToggling}
            />
          </aside>
          {current && (
            <main className="workspace">
              <h2>
                {current.name} <span className="code">{current.department}</span>
              </h2>
              <div role="tablist" aria-label={`${current.name} views`} className="tabs">
                {TABS.map((entry) => (
                  <button
                    key={entry.id}
                    type="button"
                    role="tab"
                    id={`tab-${entry.id}`}
                    aria-selected={tab === entry.id}
                    aria-controls="tab-panel"
                    onClick={() => setTab(entry.id)}
                  >
                    {entry.label}
                  </button>
                ))}
              </div>
              <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${tab}`} className="tab-panel">
                {tab === 'queue' && <QueuePanel key={current.department} queue={current} />}
                {tab === 'delivery' && <DeliveryPanel queue={current} opening={opening} />}
                {tab === 'schedules' && <SchedulesPanel queue={current} />}
                {tab === 'audit' && <AuditLogPanel queue={current} />}
                {tab === 'metrics' && <MetricsPanel queue={current} />}
              </div>
            </main>
          )}
        </div>
      )}
      {toggling && (
        <QueueToggleDialog
          queue={toggling}
          onCancel={() => setToggling(null)}
          onDone={(answer) => {
            const { status, notificationStats } = answer;
            // "Already open" answers change nothing and notify nobody: say so rather than count zero.
            const changed = toggling.isOpen !== status.isOpen;
            setToggling(null);
            setLive(
              (list) =>
                list?.map((queue) => (queue.department === status.department ? status : queue)) ?? list,
            );
            setSelected(status.department);
            if (!changed) {
              setNotice(`${answer.message}.`);
              return;
            }
            const told = plural(
              notificationStats.totalPatientsNotified,
              status.isOpen ? 'patient' : 'waiting patient',
            );
            setNotice(`${status.name} is ${status.isOpen ? 'open' : 'closed'}: ${told} notified.`);
            if (status.isOpen && status.openedAt) {
              setOpening({ department: status.department, openedAt: status.openedAt, ...notificationStats });
              setTab('delivery');
            }
          }}
        />
      )}
      {isDesktop ? null : <BrowserAlertsHint />}
    </div>
  );
}

/** In a browser, desktop alerts need the nurse's permission, asked for on a click (browsers ignore it otherwise). */
function BrowserAlertsHint() {
  const [permission, setPermission] = useState(() =>
    'Notification' in window ? Notification.permission : 'denied',
  );
  if (permission !== 'default') return null;
  return (
    <p className="hint alerts-hint">
      <button
        type="button"
        className="link"
        onClick={() => void Notification.requestPermission().then(setPermission)}
      >
        Allow desktop alerts
      </button>{' '}
      to hear about patients joining an empty queue or waiting too long.
    </p>
  );
}
