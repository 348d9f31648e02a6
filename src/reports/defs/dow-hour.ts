/**
 * Day-of-week × hour-of-day heat map, for each dataset: events per day of that weekday, so a
 * date range holding more Mondays than Sundays does not pass for a weekday pattern.
 */
import { date, str } from '../../sql/quote';
import { bandStep, datasetLabelCalc, datasetRow, legendFor, reserveBeside, topLevel } from '../spec/common';
import { countsSql } from '../sql/counts';
import { fmtNum, fmtPct, numberOf } from '../format';
import { DATASET_LABELS } from '../messages';
import type { Dataset } from '../../domain/columns';
import type { Filters } from '../filters';
import type { ReportDef } from '../types';

/** Pixels beside the cells: day labels and padding, and the legend (under the cells when narrow). */
const RESERVE = { axes: 80, legend: 100 };

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Below this band width, hour labels (two digits) would touch: every third hour is labelled. */
const ALL_HOURS_MIN_STEP = 14;

/** The hour axis: every hour where the bands leave room for its label, else every third. */
function hourAxis(step: number): Record<string, unknown> {
  return step >= ALL_HOURS_MIN_STEP ? { labelAngle: 0 } : { labelAngle: 0, values: Array.from({ length: 8 }, (_, i) => i * 3) };
}

/**
 * SQL for each dataset's days in range: from the later of the date filter's start and the
 * dataset's first day with events under the other filters, to the earlier of the filter's end
 * and its last such day; and how many of each weekday that range holds.
 */
function weekdayDaysSql(f: Filters): string {
  const first = f.from ? `greatest(min(day), ${date(f.from)})` : 'min(day)';
  const last = f.to ? `least(max(day), ${date(f.to)})` : 'max(day)';
  return `SELECT dataset, CAST(isodow(d) AS INTEGER) AS dow, count(*) AS days
  FROM (
    SELECT dataset, unnest(generate_series(CAST(first_day AS TIMESTAMP), CAST(last_day AS TIMESTAMP), INTERVAL 1 DAY)) AS d
    FROM (
      SELECT dataset, ${first} AS first_day, ${last} AS last_day
      FROM (${countsSql(f, [], { day: true, omit: ['dates'] })})
      WHERE day IS NOT NULL
      GROUP BY dataset
    )
    WHERE first_day <= last_day
  )
  GROUP BY ALL`;
}

/** The `dow-hour` report (see the explanation below). */
export const dowHour: ReportDef = {
  id: 'dow-hour',
  title: 'Day of week × hour',
  explanation:
    "Events per day by weekday and hour of the Denver wall-clock time they were created or occurred, for each dataset: each cell's count divided by how many of that weekday the date range holds (the filter's dates, or the days the data covers), so a range with more Mondays than Sundays does not show a weekday pattern it does not have; it does not show duration, and 311 files that only record a date put their requests at midnight.",
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  sql(f) {
    return `WITH c AS (
  SELECT dataset, CAST(isodow(day) AS INTEGER) AS dow, hour, sum(n) AS n
  FROM (${countsSql(f, ['hour'], { day: true })})
  WHERE day IS NOT NULL
  GROUP BY ALL
),
w AS (
  ${weekdayDaysSql(f)}
),
r AS (
  SELECT dataset, dow, hour, n, days, n / days AS per_day FROM c JOIN w USING (dataset, dow)
)
SELECT dataset, dow, [${DAY_NAMES.map((d) => str(d)).join(', ')}][dow] AS dow_name, hour, CAST(n AS BIGINT) AS n,
  CAST(days AS INTEGER) AS days, CAST(per_day AS DOUBLE) AS per_day,
  CAST(per_day / sum(per_day) OVER (PARTITION BY dataset) AS DOUBLE) AS share
FROM r
ORDER BY dataset, dow, hour`;
  },
  spec(rows, _params, frame) {
    // Square cells, as large as the card allows up to 18 px.
    const step = bandStep(frame, 18, 24, reserveBeside(frame, RESERVE));
    return topLevel(rows, {
      transform: [datasetLabelCalc],
      facet: { row: datasetRow },
      spec: {
        width: { step },
        height: { step },
        mark: 'rect',
        encoding: {
          x: { field: 'hour', type: 'ordinal', title: 'Hour of day', scale: { domain: Array.from({ length: 24 }, (_, i) => i) }, axis: hourAxis(step) },
          y: { field: 'dow_name', type: 'ordinal', title: null, sort: DAY_NAMES, scale: { domain: DAY_NAMES } },
          color: { field: 'per_day', type: 'quantitative', title: 'Events per day', scale: { scheme: 'viridis' }, legend: legendFor(frame, { format: ',.3~r' }) },
          tooltip: [
            { field: 'dow_name', title: 'Day' },
            { field: 'hour', title: 'Hour' },
            { field: 'per_day', type: 'quantitative', title: 'Events per day of that weekday', format: ',.3~r' },
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
            { field: 'days', type: 'quantitative', title: 'Days of that weekday in range', format: ',' },
            { field: 'share', type: 'quantitative', title: "Share of an average week's events", format: '.2%' },
          ],
        },
      },
      resolve: { scale: { color: 'independent' } },
    });
  },
  summarize(rows) {
    const parts: string[] = [];
    for (const d of ['service_requests', 'traffic_accidents'] as Dataset[]) {
      const mine = rows.filter((r) => r.dataset === d);
      if (!mine.length) continue;
      const peak = mine.reduce((a, b) => (numberOf(b.per_day) > numberOf(a.per_day) ? b : a));
      parts.push(
        `${DATASET_LABELS[d]} peak on ${peak.dow_name} at ${String(peak.hour).padStart(2, '0')}:00 (on average ${fmtNum(numberOf(peak.per_day), numberOf(peak.per_day) >= 10 ? 1 : 2)} events in that hour each ${peak.dow_name}, ${fmtPct(numberOf(peak.share), 1)} of an average week's events).`,
      );
    }
    return parts.join(' ');
  },
};
