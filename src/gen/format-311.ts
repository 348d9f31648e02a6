/**
 * Writes a 311 case as the cells of one file variant, for a file whose window ends at
 * `windowEnd` (local seconds, exclusive). A case whose true closing time is at or after the
 * window end is written still open: its open status and blank closed cells. The `classic`
 * variant spells dates as the yearly files do; `arcgis` puts OBJECTID first and writes every
 * date cell as UTC epoch milliseconds of the Denver local time.
 */
import { COORD_FLAW } from './coordinates';
import type { FormattedRecord } from './dataset-plan';
import { denverLocalSecToUtcMs } from './denver-time';
import type { ServiceRequest } from './model-311';
import { usDate, usDateTime } from './time-format';

export type Variant311 = 'classic' | 'arcgis';

/** Day number 2000-01-01; OBJECTID = (day − this) · 100000 + index + 1. */
const OBJECTID_EPOCH_DAY = 10957;

export function objectId(day: number, index: number): number {
  return (day - OBJECTID_EPOCH_DAY) * 100000 + index + 1;
}

/** Typo/synonym spellings and their chance, by canonical status. */
const STATUS_VARIANTS: Readonly<Record<string, readonly [number, readonly string[]]>> = {
  Closed: [0.01, ['closed', 'CLOSED ']],
  Transferred: [0.08, ['Transfered']],
  'In Progress': [0.05, ['In-Progress']],
};

function writtenStatus(status: string, draw: number): string {
  const variant = STATUS_VARIANTS[status];
  if (!variant || draw >= variant[0]) return status;
  const spellings = variant[1];
  return spellings[Math.floor((draw / variant[0]) * spellings.length)];
}

const ms = (localSec: number): string => String(denverLocalSecToUtcMs(localSec));
const midnight = (localSec: number): number => Math.floor(localSec / 86400) * 86400;

export function formatServiceRequest(req: ServiceRequest, variant: Variant311, windowEnd: number): FormattedRecord {
  const flaws: string[] = [];
  const closedShown = req.closed !== null && req.closed < windowEnd;
  const canonical = closedShown ? (req.type.transfers ? 'Transferred' : 'Closed') : req.openStatus;
  const status = writtenStatus(canonical, req.statusDraw);
  if (status !== canonical) flaws.push('status_variant');
  if (req.closed === null) flaws.push('never_closed');
  else if (!closedShown) flaws.push('closed_after_window');
  if (req.closed === req.created) flaws.push('closed_at_creation');
  if (req.coordState !== 'ok') flaws.push(COORD_FLAW[req.coordState]);
  if (req.typeText !== req.type.type) flaws.push('type_padded');
  const closed = closedShown ? (req.closed as number) : null;
  let dates: string[];
  if (variant === 'classic') {
    if (closed !== null && req.paddedClose) flaws.push('zero_padded_dttm');
    dates = [
      usDate(req.created),
      usDateTime(req.created, false),
      closed === null ? '' : usDate(closed),
      closed === null ? '' : usDateTime(closed, req.paddedClose),
    ];
  } else {
    dates = [ms(midnight(req.created)), ms(req.created), closed === null ? '' : ms(midnight(closed)), closed === null ? '' : ms(closed)];
  }
  const t = req.type;
  const fields = [
    req.summary, status, req.source, ...dates, req.closed === req.created ? 'Y' : 'N',
    req.customerZip, req.address1, req.address2, req.intersection1, req.intersection2, req.incidentZip,
    req.lon, req.lat, t.agency, t.division, t.majorArea, req.typeText, t.topic,
    req.councilDistrict, req.policeDistrict, req.neighborhood,
  ];
  if (variant === 'arcgis') fields.unshift(String(objectId(req.day, req.index)));
  return { fields, flaws };
}
