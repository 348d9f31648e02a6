/**
 * The report registry: every report, in page order. Ids are a contract (tests, window.lens).
 */
import type { ReportDef } from './types';
import { monthlyByType } from './defs/monthly-by-type';
import { seasonalProfileReport } from './defs/seasonal-profile';
import { dowHour } from './defs/dow-hour';
import { yoy } from './defs/yoy';
import { byNeighborhood } from './defs/by-neighborhood';
import { typeMix } from './defs/type-mix';
import { densityMap } from './defs/density-map';
import { choropleth } from './defs/choropleth';
import { resolutionBy } from './defs/resolution-by';
import { resolutionDistribution } from './defs/resolution-distribution';
import { backlog } from './defs/backlog';
import { correlationNeighborhood } from './defs/correlation-neighborhood';
import { crossCorrelationReport } from './defs/cross-correlation';
import { forecast } from './defs/forecast';

/** Every report, in page order. */
export const REPORTS: readonly ReportDef[] = [
  monthlyByType,
  seasonalProfileReport,
  dowHour,
  yoy,
  byNeighborhood,
  typeMix,
  densityMap,
  choropleth,
  resolutionBy,
  resolutionDistribution,
  backlog,
  correlationNeighborhood,
  crossCorrelationReport,
  forecast,
];

/** The report with this id, or undefined. */
export function getReport(id: string): ReportDef | undefined {
  return REPORTS.find((r) => r.id === id);
}
