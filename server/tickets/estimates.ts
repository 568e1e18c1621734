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
