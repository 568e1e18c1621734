import { useTranslation } from 'react-i18next';
import { formatNumber, NO_VALUE } from './format';

/**
 * Small hand-drawn SVG charts: no chart library for two charts. Each has a text alternative. Titles,
 * labels and series names arrive translated; the charts' own words come from `charts.*`.
 */

export interface Series {
  name: string;
  colour: string;
  values: number[];
}

interface GroupedBarsProps {
  title: string;
  labels: string[];
  series: Series[];
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 32 };

function niceMax(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/** Bars per label (hour), one per series, with a y axis of whole numbers. */
export function GroupedBars({ title, labels, series }: GroupedBarsProps) {
  const { t } = useTranslation();
  const max = niceMax(Math.max(0, ...series.flatMap((entry) => entry.values)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const groupWidth = plotWidth / Math.max(labels.length, 1);
  const barWidth = (groupWidth * 0.8) / Math.max(series.length, 1);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, max / 2, max].filter(Number.isInteger);
  const valueText = (entry: Series, index: number) =>
    t('charts.value', { value: entry.values[index] ?? 0, name: entry.name });
  const summary = labels
    .map((label, index) => `${label}: ${series.map((entry) => valueText(entry, index)).join(', ')}`)
    .join('; ');

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${summary}`}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="axis">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {labels.map((label, index) => {
          const groupX = PAD.left + index * groupWidth + groupWidth * 0.1;
          return (
            <g key={label}>
              {series.map((entry, seriesIndex) => {
                const value = entry.values[index] ?? 0;
                return (
                  <rect
                    key={entry.name}
                    x={groupX + seriesIndex * barWidth}
                    y={y(value)}
                    width={Math.max(barWidth - 1, 1)}
                    height={PAD.top + plotHeight - y(value)}
                    fill={entry.colour}
                  >
                    <title>{`${label}: ${valueText(entry, index)}`}</title>
                  </rect>
                );
              })}
              <text x={groupX + (groupWidth * 0.8) / 2} y={HEIGHT - 10} textAnchor="middle" className="axis">
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

export function Legend({ series }: { series: Array<Pick<Series, 'name' | 'colour'>> }) {
  return (
    <ul className="legend">
      {series.map((entry) => (
        <li key={entry.name}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={entry.colour} />
          </svg>
          {entry.name}
        </li>
      ))}
    </ul>
  );
}

interface RangeRow {
  label: string;
  median: number | null;
  p90: number | null;
}

/** Median and 90th percentile, in minutes, as a bar to the median and a whisker to the p90. */
export function MedianP90Chart({ title, rows }: { title: string; rows: RangeRow[] }) {
  const { t } = useTranslation();
  const rowHeight = 36;
  const left = 110;
  const width = 640;
  const height = rows.length * rowHeight + 24;
  const max = niceMax(Math.max(1, ...rows.map((row) => row.p90 ?? row.median ?? 0)));
  const x = (minutes: number) => left + (minutes / max) * (width - left - 60);
  const minutes = (value: number | null) => (value === null ? t('charts.none') : formatNumber(value));
  const summary = rows
    .map((row) => t('charts.range', { label: row.label, median: minutes(row.median), p90: minutes(row.p90) }))
    .join('; ');
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {rows.map((row, index) => {
          const top = index * rowHeight + 8;
          return (
            <g key={row.label}>
              <text x={0} y={top + 16} className="axis">
                {row.label}
              </text>
              {row.median === null ? (
                <text x={left} y={top + 16} className="axis">
                  {t('charts.noData')}
                </text>
              ) : (
                <>
                  <rect x={left} y={top + 4} width={x(row.median) - left} height={16} fill="#0f766e" />
                  {row.p90 !== null && (
                    <line
                      x1={x(row.median)}
                      x2={x(row.p90)}
                      y1={top + 12}
                      y2={top + 12}
                      className="whisker"
                    />
                  )}
                  {row.p90 !== null && (
                    <line x1={x(row.p90)} x2={x(row.p90)} y1={top + 4} y2={top + 20} className="whisker" />
                  )}
                  <text x={x(row.p90 ?? row.median) + 6} y={top + 16} className="axis">
                    {t('charts.rangeValue', {
                      median: formatNumber(Math.round(row.median)),
                      p90: row.p90 === null ? NO_VALUE : formatNumber(Math.round(row.p90)),
                    })}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <text x={left} y={height - 4} className="axis">
          {t('charts.key')}
        </text>
      </svg>
    </figure>
  );
}
