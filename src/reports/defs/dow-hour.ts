/** Day-of-week × hour-of-day heat map, for each dataset. */
import { str } from '../../sql/quote';
import { bandStep, datasetLabelCalc, datasetRow, legendFor, reserveBeside, topLevel } from '../spec/common';
import { countsSql } from '../sql/counts';
import { fmtPct, numberOf } from '../format';
import { DATASET_LABELS } from '../messages';
import type { Dataset } from '../../domain/columns';
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

/** The `dow-hour` report (see the explanation below). */
export const dowHour: ReportDef = {
  id: 'dow-hour',
  title: 'Day of week × hour',
  explanation:
    "Share of each dataset's events by weekday and hour of the Denver wall-clock time they were created or occurred; it does not show duration, and 311 files that only record a date put their requests at midnight.",
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  sql(f) {
    return `WITH c AS (
  SELECT dataset, CAST(isodow(day) AS INTEGER) AS dow, hour, sum(n) AS n
  FROM (${countsSql(f, ['hour'], { day: true })})
  WHERE day IS NOT NULL
  GROUP BY ALL
)
SELECT dataset, dow, [${DAY_NAMES.map((d) => str(d)).join(', ')}][dow] AS dow_name, hour, CAST(n AS BIGINT) AS n,
  CAST(n / sum(n) OVER (PARTITION BY dataset) AS DOUBLE) AS share
FROM c
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
          color: { field: 'share', type: 'quantitative', title: 'Share of events', scale: { scheme: 'viridis' }, legend: legendFor(frame, { format: '.1%' }) },
          tooltip: [
            { field: 'dow_name', title: 'Day' },
            { field: 'hour', title: 'Hour' },
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.2%' },
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
      const peak = mine.reduce((a, b) => (numberOf(b.n) > numberOf(a.n) ? b : a));
      parts.push(
        `${DATASET_LABELS[d]} peak on ${peak.dow_name} at ${String(peak.hour).padStart(2, '0')}:00 (${fmtPct(numberOf(peak.share), 1)} of events in that hour slot).`,
      );
    }
    return parts.join(' ');
  },
};
