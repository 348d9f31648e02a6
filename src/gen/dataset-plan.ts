/**
 * What to write for each dataset: its file names, header and flaw names, and for each day
 * the formatted records in file order (by day, then by time within the day), with each
 * exact-duplicate line placed right after its original or a few records later.
 */
import type { Dataset } from '../domain/columns';
import { formatAccident, type VariantAccidents } from './format-accident';
import { formatServiceRequest, type Variant311 } from './format-311';
import { header311, headerAccidents } from './headers';
import { accidentsForDay } from './model-accident';
import { serviceRequestsForDay } from './model-311';

export interface FormattedRecord {
  readonly fields: readonly string[];
  /** Semantic flaws of this record (coordinates, status, dates, edits...). */
  readonly flaws: readonly string[];
}

export interface DatasetPlan {
  readonly dataset: Dataset;
  readonly file: string;
  readonly entry: string;
  readonly variant: string;
  readonly header: readonly string[];
  /** Semantic flaw names this dataset reports. */
  readonly flawNames: readonly string[];
  /** The day's records for this window, in file order, duplicate lines included. */
  records(day: number): FormattedRecord[];
}

const COORD_FLAWS = ['coord_blank', 'coord_zero', 'lon_eq_lat', 'swapped_lon_lat', 'out_of_city'];

/** Formats items in order, adding each duplicate `duplicateAfter` items later (clamped to the day). */
export function placeDuplicates<T extends { readonly duplicateAfter: number }>(
  items: readonly T[],
  format: (item: T) => FormattedRecord,
): FormattedRecord[] {
  const out: FormattedRecord[] = [];
  const scheduled = new Map<number, FormattedRecord[]>();
  items.forEach((item, i) => {
    const record = format(item);
    out.push(record);
    if (item.duplicateAfter >= 0) {
      const at = Math.min(items.length - 1, i + item.duplicateAfter);
      scheduled.set(at, [...(scheduled.get(at) ?? []), record]);
    }
    const due = scheduled.get(i);
    if (due) out.push(...due);
  });
  return out;
}

export function serviceRequestPlan(seed: number, scale: number, variant: Variant311, windowEnd: number): DatasetPlan {
  return {
    dataset: 'service_requests',
    file: '311_service_requests.csv.zip',
    entry: '311_service_requests.csv',
    variant,
    header: header311(variant),
    flawNames: [
      ...COORD_FLAWS, 'status_variant', 'never_closed', 'closed_after_window', 'closed_at_creation', 'zero_padded_dttm', 'type_padded',
    ],
    records: (day) => placeDuplicates(serviceRequestsForDay(seed, scale, day), (r) => formatServiceRequest(r, variant, windowEnd)),
  };
}

export function accidentPlan(seed: number, scale: number, variant: VariantAccidents, windowEnd: number): DatasetPlan {
  return {
    dataset: 'traffic_accidents',
    file: 'traffic_accidents.csv.zip',
    entry: 'traffic_accidents.csv',
    variant,
    header: headerAccidents(variant),
    flawNames: [
      ...COORD_FLAWS, 'float_ids', 'microseconds', 'address_blank', 'dms_address', 'neighborhood_blank', 'district_letters',
      'preliminary_version', 'mixed_case_category',
    ],
    records: (day) => placeDuplicates(accidentsForDay(seed, scale, day), (a) => formatAccident(a, variant, windowEnd)),
  };
}
