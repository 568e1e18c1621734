import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import type { NotificationStats } from '../../../shared/notifications';
import type { NotificationStatsOfChange } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import { ChannelCounts } from './ChannelCounts';
import { ApiError, errorMessage } from './errors';
import { formatNumber, formatTime } from './format';
import { useConsole, useLiveEvents, useOnline, usePageVisible, useResource } from './hooks';
import type { Wording } from './i18n';

/** What this console learnt when it opened the queue (other consoles see the counts, not this number). */
export interface OpeningReport extends NotificationStatsOfChange {
  department: string;
  openedAt: string;
}

interface Props {
  queue: QueueStatus;
  opening: OpeningReport | null;
}

const POLL_MS = 3000;
/** Each is named by `delivery.stages.<stage>` and explained by `delivery.stageHelp.<stage>`. */
const STAGES = ['pending', 'sent', 'delivered', 'failed', 'read'] as const;

/**
 * Delivery of the department's notifications since it opened: the opening fan-out, then calls and
 * reminders. Read every few seconds while visible (deliveries produce no event the console receives).
 */
export function DeliveryPanel({ queue, opening }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const visible = usePageVisible();
  const since = opening?.department === queue.department ? opening.openedAt : queue.openedAt;
  const stats = useResource(`${queue.department}@${since ?? ''}`, () =>
    since
      ? api('GET /api/notifications/stats', { query: { department: queue.department, since } })
      : Promise.resolve(null),
  );
  const { reload } = stats;

  useEffect(() => {
    if (!since || !visible) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [since, visible, reload]);
  useLiveEvents((event) => {
    if (
      event.kind === 'connected' ||
      (event.kind === 'status' && event.status.department === queue.department)
    )
      reload();
  });

  const name = queue.name;
  if (!since) return <p>{t('delivery.notOpened', { name })}</p>;
  const counts = stats.data;
  const ours = opening?.department === queue.department ? opening : null;
  return (
    <section aria-label={t('delivery.panel', { name })} className="delivery">
      <p>
        {t(queue.isOpen ? 'delivery.since' : 'delivery.sinceClosed', { name, time: formatTime(since) })}
        {ours && <> {t('delivery.openingNotified', { count: ours.totalPatientsNotified })}</>}
      </p>
      {ours && ours.notificationFailures > 0 && (
        <p className="error">{t('delivery.notRecorded', { count: ours.notificationFailures })}</p>
      )}
      {stats.error !== null && <p className="error">{errorMessage(stats.error)}</p>}
      {counts && (
        <>
          <dl className="delivery-counts" aria-live="polite">
            <div data-stage="total">
              <dt>{t('delivery.stages.total')}</dt>
              <dd>{formatNumber(counts.total)}</dd>
            </div>
            {STAGES.map((stage) => (
              <div
                key={stage}
                data-stage={stage}
                data-nonzero={counts[stage] > 0}
                title={t(`delivery.stageHelp.${stage}`)}
              >
                <dt>{t(`delivery.stages.${stage}`)}</dt>
                <dd>{formatNumber(counts[stage])}</dd>
              </div>
            ))}
          </dl>
          <DeliveryBar stats={counts} />
          <ChannelCounts byChannel={counts.byChannel} />
          <RetryFailed department={queue.department} failed={counts.failed} onRetried={reload} />
        </>
      )}
    </section>
  );
}

const BAR_COLOURS = { pending: '#94a3b8', sent: '#0369a1', delivered: '#0f766e', failed: '#b91c1c' } as const;

/** Share of each delivery state, as one stacked bar. */
function DeliveryBar({ stats }: { stats: NotificationStats }) {
  if (stats.total === 0) return null;
  let x = 0;
  const parts = (['delivered', 'sent', 'pending', 'failed'] as const).map((stage) => {
    const width = (stats[stage] / stats.total) * 100;
    const part = { stage, x, width };
    x += width;
    return part;
  });
  const summary = parts
    .map((part) => i18next.t(`delivery.bar.${part.stage}`, { count: stats[part.stage] }))
    .join(', ');
  return (
    <svg
      className="delivery-bar"
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      role="img"
      aria-label={summary}
    >
      {parts.map((part) => (
        <rect
          key={part.stage}
          x={part.x}
          y={0}
          width={part.width}
          height={6}
          fill={BAR_COLOURS[part.stage]}
        />
      ))}
    </svg>
  );
}

/** Sends failed notifications again. Hidden when the server has no such route (it answers 404). */
function RetryFailed({
  department,
  failed,
  onRetried,
}: {
  department: string;
  failed: number;
  onRetried(): void;
}) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const [supported, setSupported] = useState(true);
  const [result, setResult] = useState<Wording | null>(null);
  const [busy, setBusy] = useState(false);

  if (failed === 0 && result === null) return null;
  if (!supported) {
    return (
      <p className="hint">
        <Trans
          i18nKey="delivery.retryByCli"
          values={{ command: 'npm run cli -- notifications:retry-failed' }}
          components={{ code: <code /> }}
        />
      </p>
    );
  }
  async function retry() {
    setBusy(true);
    try {
      const { queued } = await api('POST /api/notifications/retry-failed', { body: { department } });
      setResult(() => () => i18next.t('delivery.queued', { count: queued }));
      onRetried();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setSupported(false);
      else setResult(() => () => errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="retry">
      {failed > 0 && (
        <button type="button" onClick={() => void retry()} disabled={busy || !online}>
          {t('delivery.retry', { count: failed })}
        </button>
      )}
      {result && <p role="status">{result()}</p>}
    </div>
  );
}
