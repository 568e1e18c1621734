import { DEFAULT_SERVICE_MINUTES } from '../../shared/constants';

/**
 * How long until a waiting patient is seen: those ahead of them, times the recent minutes per patient,
 * shared among the rooms currently calling. Service time is a moving average over the department's last
 * ten completed tickets of
 * the last twelve hours (one shift); before there are any, a default.
 */
export const SERVICE_MINUTES_SQL = (departmentId: string) => `(
  SELECT avg(extract(epoch FROM s.completed_at - s.serving_at)) / 60 FROM (
    SELECT completed_at, serving_at FROM tickets
     WHERE department_id = ${departmentId} AND status = 'done' AND serving_at IS NOT NULL
       AND completed_at > now() - interval '12 hours'
     ORDER BY completed_at DESC LIMIT 10) s)`;

export const ROOMS_SQL = (departmentId: string) => `(
  SELECT count(DISTINCT room) FROM tickets WHERE department_id = ${departmentId} AND status IN ('called', 'serving'))`;

export function estimateMinutes(position: number, serviceMinutes: number | null, rooms: number): number {
  const minutes = serviceMinutes ?? DEFAULT_SERVICE_MINUTES;
  return Math.ceil((position * minutes) / Math.max(1, rooms));
}

/** How many recent service times the range is drawn from, and how few make a spread worth showing. */
export const SPREAD_SAMPLE = 20;
export const SPREAD_MINIMUM = 3;
/** The quantiles of one patient's service time that bound the range: the middle 60 % of recent patients. */
const LOW_QUANTILE = 0.2;
const HIGH_QUANTILE = 0.8;

/**
 * The spread of the department's recent service times, in minutes: `{low, high}` quantiles of its last
 * SPREAD_SAMPLE service durations of the last twelve hours, as a two-element array; null with fewer than
 * SPREAD_MINIMUM of them (too few to tell a spread from chance).
 */
export const SERVICE_SPREAD_SQL = (departmentId: string) => `(
  SELECT ARRAY[percentile_cont(${LOW_QUANTILE}) WITHIN GROUP (ORDER BY s.minutes),
               percentile_cont(${HIGH_QUANTILE}) WITHIN GROUP (ORDER BY s.minutes)]
    FROM (SELECT extract(epoch FROM completed_at - serving_at) / 60 AS minutes FROM tickets
           WHERE department_id = ${departmentId} AND status = 'done' AND serving_at IS NOT NULL
             AND completed_at > now() - interval '12 hours'
           ORDER BY completed_at DESC LIMIT ${SPREAD_SAMPLE}) s
  HAVING count(*) >= ${SPREAD_MINIMUM})`;

export interface WaitRange {
  low: number;
  high: number;
}

/**
 * The wait as a range: the patients up to and including this one, each taking between the low and the
 * high quantile of recent service times, shared among the rooms calling now. A wider spread of service
 * times gives a wider range; null until there is a spread to draw from. `high` is always above `low`,
 * so a range never reads "10–10".
 */
export function estimateRange(
  position: number,
  spread: readonly [number, number] | null,
  rooms: number,
): WaitRange | null {
  if (spread === null) return null;
  const share = position / Math.max(1, rooms);
  const low = Math.max(0, Math.floor(share * spread[0]));
  const high = Math.max(low + 1, Math.ceil(share * spread[1]));
  return { low, high };
}
