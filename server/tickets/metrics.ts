import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { TicketMetrics } from '../../shared/tickets';

interface Totals {
  joined: number;
  served: number;
  no_show: number;
  cancelled: number;
  wait_median: number | null;
  wait_p90: number | null;
  service_median: number | null;
  service_p90: number | null;
}

const round = (value: number | null) => (value === null ? null : Math.round(Number(value) * 10) / 10);

/**
 * A department's day in the hospital's time zone: counts, waits (joined → first call) and service times
 * (serving → completed) as median and 90th percentile in minutes, and the same counts per local hour.
 */
export async function ticketMetrics(
  sequelize: Sequelize,
  department: { id: number; code: string },
  date: string,
  timeZone: string,
): Promise<TicketMetrics> {
  const replacements = { departmentId: department.id, date, timeZone };
  const [totals] = await sequelize.query<Totals>(
    `SELECT count(*)::int AS joined,
            count(*) FILTER (WHERE status = 'done')::int AS served,
            count(*) FILTER (WHERE status = 'no_show')::int AS no_show,
            count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM called_at - joined_at) / 60)
              FILTER (WHERE called_at IS NOT NULL) AS wait_median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM called_at - joined_at) / 60)
              FILTER (WHERE called_at IS NOT NULL) AS wait_p90,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - serving_at) / 60)
              FILTER (WHERE status = 'done' AND serving_at IS NOT NULL) AS service_median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - serving_at) / 60)
              FILTER (WHERE status = 'done' AND serving_at IS NOT NULL) AS service_p90
       FROM tickets WHERE department_id = :departmentId AND service_date = :date`,
    { replacements, type: QueryTypes.SELECT },
  );
  const hours = await sequelize.query<{
    hour: number;
    joined: number;
    called: number;
    served: number;
    no_show: number;
  }>(
    `WITH day AS (SELECT * FROM tickets WHERE department_id = :departmentId AND service_date = :date),
          marks AS (
            SELECT extract(hour FROM joined_at AT TIME ZONE :timeZone)::int AS hour, 1 AS joined, 0 AS called, 0 AS served, 0 AS no_show FROM day
            UNION ALL SELECT extract(hour FROM called_at AT TIME ZONE :timeZone)::int, 0, 1, 0, 0 FROM day WHERE called_at IS NOT NULL
            UNION ALL SELECT extract(hour FROM completed_at AT TIME ZONE :timeZone)::int, 0, 0, 1, 0 FROM day WHERE status = 'done'
            UNION ALL SELECT extract(hour FROM ended_at AT TIME ZONE :timeZone)::int, 0, 0, 0, 1 FROM day WHERE status = 'no_show')
     SELECT hour, sum(joined)::int AS joined, sum(called)::int AS called, sum(served)::int AS served, sum(no_show)::int AS no_show
       FROM marks GROUP BY hour ORDER BY hour`,
    { replacements, type: QueryTypes.SELECT },
  );
  return {
    department: department.code,
    date,
    joined: totals?.joined ?? 0,
    served: totals?.served ?? 0,
    noShow: totals?.no_show ?? 0,
    cancelled: totals?.cancelled ?? 0,
    waitMinutes: { median: round(totals?.wait_median ?? null), p90: round(totals?.wait_p90 ?? null) },
    serviceMinutes: {
      median: round(totals?.service_median ?? null),
      p90: round(totals?.service_p90 ?? null),
    },
    perHour: hours.map((hour) => ({
      hour: hour.hour,
      joined: hour.joined,
      called: hour.called,
      served: hour.served,
      noShow: hour.no_show,
    })),
  };
}
