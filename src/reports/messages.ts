/** User-facing messages of the reports, in one place. */
import type { Dataset } from '../domain/columns';
import { fmtInt } from './format';

/** Display names of the datasets. */
export const DATASET_LABELS: Record<Dataset, string> = {
  service_requests: '311 service requests',
  traffic_accidents: 'Traffic accidents',
};

/** Empty-state, error and notice texts. */
export const MSG = {
  noRows: 'No events match the current filters. Widen the date range or remove a filter.',
  datasetExcluded: (names: string) => `The dataset filter excludes ${names}, which this report needs.`,
  noBoundaries:
    'No neighborhood boundaries stored yet. Drop a neighborhoods GeoJSON (properties NBHD_ID / NBHD_NAME) on this card, or choose one with the button.',
  storedBoundaries: (name: string, matched: number, total: number, unmatched: readonly string[]) =>
    `Stored ${name}: ${fmtInt(matched)} of ${fmtInt(total)} features matched a neighborhood` +
    (unmatched.length ? ` (not matched: ${unmatched.slice(0, 5).join(', ')}${unmatched.length > 5 ? ', …' : ''}).` : '.'),
  placedByBoundaries: (n: number) =>
    `${fmtInt(n)} stored record${n === 1 ? '' : 's'} without a neighborhood now have one, from ${n === 1 ? 'its' : 'their'} coordinates.`,
  badGeoJson: (why: string) => `That file is not a usable neighborhoods GeoJSON: ${why}.`,
  yoyNeedsTwoYears: (span: string) =>
    `Year-over-year needs the same month of the year in at least two years of data; the current selection covers only ${span}.`,
  tooFewNeighborhoods: (n: number) => `A correlation across neighborhoods needs at least 4 neighborhoods with data; the selection has ${fmtInt(n)}.`,
  sideEmpty: (what: string) => `There are no ${what} in the selection (none are stored, or the filters exclude them), so there is nothing to correlate.`,
  tooFewDays: (n: number, need: number) => `This needs at least ${fmtInt(need)} days where both datasets have data; the selection has ${fmtInt(n)}.`,
  forecastTooShort: (n: number, need: number) => `A backtested forecast needs at least ${fmtInt(need)} days of accidents; the selection has ${fmtInt(n)}.`,
  noResolution: 'No closed 311 requests match the current filters.',
  noBacklog: 'No open 311 requests (without a close timestamp) match the current filters.',
  noCoordinates: 'None of the matching events has valid coordinates.',
} as const;
