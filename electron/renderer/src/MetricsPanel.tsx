import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../shared/schemas';
import type { TicketMetrics } from '../../../shared/tickets';
import { errorMessage } from './errors';
import { GroupedBars, MedianP90Chart } from './charts';
import { formatHour, formatMinutes, formatNumber, localDateString } from './format';
import { useConsole, useLiveEvents, useResource } from './hooks';

/** Each series is named by `metrics.series.<key>`. */
const SERIES = [
  { key: 'joined', colour: '#0369a1' },
  { key: 'served', colour: '#0f766e' },
  { key: 'noShow', colour: '#b45309' },
] as const;

/** Opening hours that saw anything, padded to a working day so an early morning is not one lone bar. */
function hourRange(metrics: TicketMetrics): number[] {
  const busy = metrics.perHour
    .filter((hour) => hour.joined + hour.called + hour.served + hour.noShow > 0)
    .map((hour) => hour.hour);
  const first = Math.min(8, ...busy);
  const last = Math.max(17, ...busy);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** The day's figures for one department; today's refresh as tickets move. */
export function MetricsPanel({ queue }: { queue: QueueStatus }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [date, setDate] = useState(localDateString());
  const department = queue.department;
  const metrics = useResource(`${department}@${date}`, () =>
    api('GET /api/queues/:department/metrics', { params: { department }, query: { date } }),
  );
  useLiveEvents((event) => {
    const today = date === localDateString();
    if (
      event.kind === 'connected' ||
      (today && event.kind === 'status' && event.status.department === department)
    )
      metrics.reload();
  });

  const data = metrics.data;
  return (
    <section aria-label={t('metrics.panel', { name: queue.name })} className="metrics">
      <label className="inline">
        {t('metrics.day')}
        <input
          type="date"
          value={date}
          max={localDateString()}
          onChange={(event) => setDate(event.target.value || localDateString())}
        />
      </label>
      {metrics.error !== null && <p className="error">{errorMessage(metrics.error)}</p>}
      {data && <MetricsView metrics={data} />}
    </section>
  );
}

function MetricsView({ metrics }: { metrics: TicketMetrics }) {
  const { t } = useTranslation();
  const hours = hourRange(metrics);
  const byHour = new Map(metrics.perHour.map((hour) => [hour.hour, hour]));
  return (
    <>
      <dl className="figures">
        {(
          [
            ['joined', formatNumber(metrics.joined)],
            ['served', formatNumber(metrics.served)],
            ['noShow', formatNumber(metrics.noShow)],
            ['cancelled', formatNumber(metrics.cancelled)],
            ['medianWait', formatMinutes(metrics.waitMinutes.median)],
            ['medianService', formatMinutes(metrics.serviceMinutes.median)],
          ] as const
        ).map(([figure, value]) => (
          <div key={figure}>
            <dt>{t(`metrics.figures.${figure}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <GroupedBars
        title={t('metrics.perHour')}
        labels={hours.map(formatHour)}
        series={SERIES.map((series) => ({
          name: t(`metrics.series.${series.key}`),
          colour: series.colour,
          values: hours.map((hour) => byHour.get(hour)?.[series.key] ?? 0),
        }))}
      />
      <MedianP90Chart
        title={t('metrics.times')}
        rows={[
          { label: t('metrics.wait'), ...metrics.waitMinutes },
          { label: t('metrics.service'), ...metrics.serviceMinutes },
        ]}
      />
    </>
  );
}
