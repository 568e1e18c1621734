import { useState } from 'react';
import type { QueueStatus } from '../../../shared/schemas';
import type { TicketMetrics } from '../../../shared/tickets';
import { errorMessage } from './errors';
import { GroupedBars, MedianP90Chart } from './charts';
import { formatMinutes, localDateString } from './format';
import { useConsole, useLiveEvents, useResource } from './hooks';

const SERIES = [
  { key: 'joined', name: 'joined', colour: '#0369a1' },
  { key: 'served', name: 'served', colour: '#0f766e' },
  { key: 'noShow', name: 'no-show', colour: '#b45309' },
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
    <section aria-label={`${queue.name} metrics`} className="metrics">
      <label className="inline">
        Day
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
  const hours = hourRange(metrics);
  const byHour = new Map(metrics.perHour.map((hour) => [hour.hour, hour]));
  return (
    <>
      <dl className="figures">
        {(
          [
            ['Joined', metrics.joined],
            ['Served', metrics.served],
            ['No-show', metrics.noShow],
            ['Cancelled', metrics.cancelled],
            ['Median wait', formatMinutes(metrics.waitMinutes.median)],
            ['Median service', formatMinutes(metrics.serviceMinutes.median)],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <GroupedBars
        title="Patients per hour"
        labels={hours.map((hour) => `${String(hour).padStart(2, '0')}h`)}
        series={SERIES.map((series) => ({
          name: series.name,
          colour: series.colour,
          values: hours.map((hour) => byHour.get(hour)?.[series.key] ?? 0),
        }))}
      />
      <MedianP90Chart
        title="Waiting and service times (minutes)"
        rows={[
          { label: 'Wait', ...metrics.waitMinutes },
          { label: 'Service', ...metrics.serviceMinutes },
        ]}
      />
    </>
  );
}
