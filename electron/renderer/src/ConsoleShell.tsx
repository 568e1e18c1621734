import { useEffect, useMemo, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QueueChangeAnswer } from '../../../shared/queues';
import type { Department, QueueStatus } from '../../../shared/schemas';
import { AdminArea } from './admin/AdminArea';
import { useLongWaitAlerts, useQueueAlerts } from './alerts';
import type { LongWaits } from './alerts';
import { errorMessage } from './errors';
import { AuditLogPanel } from './AuditLogPanel';
import { isDesktop } from './bridge';
import { consoleApi } from './console-api';
import { ConnectionBanner } from './ConnectionBanner';
import { DeliveryPanel } from './DeliveryPanel';
import type { OpeningReport } from './DeliveryPanel';
import { DepartmentBoard } from './DepartmentBoard';
import { DepartmentPicker, useMyDepartments, visibleQueues } from './DepartmentPicker';
import { ConsoleContext, useStoredState } from './hooks';
import type { Wording } from './i18n';
import { KioskControl } from './KioskControl';
import { LanguagePicker } from './LanguagePicker';
import { LiveConnection } from './live';
import { MetricsPanel } from './MetricsPanel';
import { QueuePanel } from './QueuePanel';
import { QueueToggleDialog } from './QueueToggleDialog';
import { SchedulesPanel } from './SchedulesPanel';
import { AppointmentsPanel } from './AppointmentsPanel';
import type { Session } from './session';
import { assignedQueues, useAssignedDepartments } from './useAssignedDepartments';
import { useLiveQueues } from './useLiveQueues';

interface Props {
  session: Session;
  onSignOut(): void;
  onSessionEnded(): void;
}

/** Creates the API client and the live connection for one signed-in session. */
export function ConsoleShell({ session, onSignOut, onSessionEnded }: Props) {
  const value = useMemo(
    () => ({
      api: consoleApi({
        baseUrl: session.serverUrl,
        token: () => session.token,
        onUnauthenticated: onSessionEnded,
      }),
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

/** The workspace's tabs, in order; each is labelled by `shell.tabs.<id>`. */
const TABS = ['queue', 'delivery', 'schedules', 'audit', 'metrics', 'appointments'] as const;
type Tab = (typeof TABS)[number];

function Console({ session, onSignOut }: { session: Session; onSignOut(): void }) {
  const { t } = useTranslation();
  const { queues: live, error, put } = useLiveQueues();
  const [selected, setSelected] = useStoredState('department', '');
  const [tab, setTab] = useState<Tab>('queue');
  const [toggling, setToggling] = useState<QueueStatus | null>(null);
  const [opening, setOpening] = useState<OpeningReport | null>(null);
  const [notice, setNotice] = useState<Wording | null>(null);
  // Admins switch between the queues and the admin pages; nurses only ever see the queues.
  const [adminView, setAdminView] = useState(false);
  const showAdmin = adminView && session.user.role === 'admin';
  const [myDepartments, setMyDepartments] = useMyDepartments();
  // What the nurse may act on (the server says); "departments I work with" is a view inside it.
  const assigned = useAssignedDepartments();
  const allowed = useMemo(() => assignedQueues(live, assigned.byCode), [live, assigned.byCode]);
  const mine = useMemo(
    () => (allowed ? visibleQueues(allowed, myDepartments) : null),
    [allowed, myDepartments],
  );
  useQueueAlerts(mine);
  const longWaits = useLongWaitAlerts(mine);
  const readError = error ?? assigned.resource.error;

  const current = mine?.find((queue) => queue.department === selected) ?? mine?.[0] ?? null;

  const toggled = (answer: QueueChangeAnswer, before: QueueStatus) => {
    setToggling(null);
    put(answer.status);
    setSelected(answer.status.department);
    setNotice(() => () => toggleNotice(answer, before));
    const { status, notificationStats } = answer;
    if (before.isOpen !== status.isOpen && status.isOpen && status.openedAt) {
      setOpening({ department: status.department, openedAt: status.openedAt, ...notificationStats });
      setTab('delivery');
    }
  };

  return (
    <div className="console">
      <ConsoleHeader
        session={session}
        onSignOut={onSignOut}
        onError={(wording) => setNotice(() => wording)}
        adminView={showAdmin}
        onAdminView={setAdminView}
      />
      <ConnectionBanner />
      {notice && <Notice text={notice} onDismiss={() => setNotice(null)} />}
      {showAdmin && <AdminArea />}
      {!showAdmin && readError !== null && !mine && <p className="error">{errorMessage(readError)}</p>}
      {!showAdmin && !mine && readError === null && <p aria-live="polite">{t('shell.loadingDepartments')}</p>}
      {!showAdmin && allowed && mine && (
        <div className="layout">
          <aside aria-label={t('shell.board')}>
            <h2 className="visually-hidden">{t('shell.departments')}</h2>
            {allowed.length > 1 && (
              <DepartmentPicker queues={allowed} chosen={myDepartments} onChange={setMyDepartments} />
            )}
            <DepartmentBoard
              queues={mine}
              selected={current?.department ?? null}
              onSelect={setSelected}
              onToggle={setToggling}
            />
          </aside>
          {current && (
            <Workspace
              queue={current}
              department={assigned.byCode?.get(current.department)}
              longWaits={longWaits}
              tab={tab}
              onTab={setTab}
              opening={opening}
            />
          )}
        </div>
      )}
      {toggling && (
        <QueueToggleDialog
          queue={toggling}
          onCancel={() => setToggling(null)}
          onDone={(answer) => toggled(answer, toggling)}
        />
      )}
      {isDesktop ? null : <BrowserAlertsHint />}
    </div>
  );
}

/** What the nurse is told after an open or close. */
function toggleNotice(answer: QueueChangeAnswer, before: QueueStatus): string {
  const { status, notificationStats } = answer;
  const name = status.name;
  // "Already open" answers change nothing and notify nobody: say so rather than count zero.
  if (before.isOpen === status.isOpen)
    return i18next.t(status.isOpen ? 'shell.stillOpen' : 'shell.stillClosed', { name });
  const count = notificationStats.totalPatientsNotified;
  return i18next.t(status.isOpen ? 'shell.opened' : 'shell.closed', { name, count });
}

interface HeaderProps {
  session: Session;
  onSignOut(): void;
  onError(wording: Wording): void;
  adminView: boolean;
  onAdminView(on: boolean): void;
}

function ConsoleHeader({ session, onSignOut, onError, adminView, onAdminView }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="console-header">
      <h1>{t('app.name')}</h1>
      <p className="hint">
        {t('shell.signedInAs', { name: session.user.name, role: t(`shell.roles.${session.user.role}`) })}
      </p>
      <div className="actions">
        <LanguagePicker />
        {session.user.role === 'admin' && (
          <button type="button" onClick={() => onAdminView(!adminView)}>
            {adminView ? t('admin.back') : t('admin.open')}
          </button>
        )}
        <KioskControl onError={onError} />
        <button type="button" onClick={onSignOut}>
          {t('shell.signOut')}
        </button>
      </div>
    </header>
  );
}

function Notice({ text, onDismiss }: { text: Wording; onDismiss(): void }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="notice">
      {text()}{' '}
      <button type="button" className="link" onClick={onDismiss}>
        {t('common.dismiss')}
      </button>
    </p>
  );
}

interface WorkspaceProps {
  queue: QueueStatus;
  /** Its settings (rooms); undefined while not read. */
  department: Department | undefined;
  longWaits: LongWaits;
  tab: Tab;
  onTab(tab: Tab): void;
  opening: OpeningReport | null;
}

/** The selected department: its tabs and the open tab's panel. */
function Workspace({ queue, department, longWaits, tab, onTab, opening }: WorkspaceProps) {
  const { t } = useTranslation();
  return (
    <main className="workspace">
      <h2>
        {queue.name} <span className="code">{queue.department}</span>
      </h2>
      <div role="tablist" aria-label={t('shell.views', { name: queue.name })} className="tabs">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls="tab-panel"
            onClick={() => onTab(id)}
          >
            {t(`shell.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'queue' && (
          <QueuePanel
            key={queue.department}
            queue={queue}
            rooms={department?.rooms ?? []}
            longWaits={longWaits}
          />
        )}
        {tab === 'delivery' && <DeliveryPanel queue={queue} opening={opening} />}
        {tab === 'appointments' && <AppointmentsPanel key={queue.department} queue={queue} />}
        {tab === 'schedules' && <SchedulesPanel queue={queue} />}
        {tab === 'audit' && <AuditLogPanel queue={queue} />}
        {tab === 'metrics' && <MetricsPanel queue={queue} />}
      </div>
    </main>
  );
}

/** In a browser, desktop alerts need the nurse's permission, asked for on a click (browsers ignore it otherwise). */
function BrowserAlertsHint() {
  const { t } = useTranslation();
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
        {t('shell.allowAlerts')}
      </button>{' '}
      {t('shell.allowAlertsWhy')}
    </p>
  );
}
