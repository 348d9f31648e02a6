/**
 * When in the day things happen (Denver local time). 311 phone calls follow the call
 * center's hours (weekdays 7–19, weekends 8–17), online channels run all day with an evening
 * tail; accidents peak at the morning and evening commutes and on Friday/Saturday nights.
 * Times in the hour skipped by the spring-forward change are moved one hour later.
 */
import { isNonexistentDenverTime } from './denver-time';
import { WeightedTable, type Rng } from './prng';

const hours = (w: readonly number[]): WeightedTable<number> => new WeightedTable(w.map((x, h) => [h, x] as const));

// prettier-ignore
const ONLINE = [0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.35, 0.7, 1, 1.15, 1.2, 1.15, 1.1, 1.1, 1.05, 1, 0.95, 0.9, 0.85, 0.85, 0.8, 0.7, 0.55, 0.4];
// prettier-ignore
const PHONE_WEEKDAY = [0, 0, 0, 0, 0, 0, 0, 0.6, 1, 1.2, 1.25, 1.15, 0.95, 1.1, 1.1, 1, 0.9, 0.7, 0.4, 0, 0, 0, 0, 0];
// prettier-ignore
const PHONE_WEEKEND = [0, 0, 0, 0, 0, 0, 0, 0, 0.8, 1, 1, 1, 0.9, 0.9, 0.8, 0.7, 0.5, 0, 0, 0, 0, 0, 0, 0];
// prettier-ignore
const WALK_IN = [0, 0, 0, 0, 0, 0, 0, 0, 0.8, 1, 1, 1, 0.8, 1, 1, 0.9, 0.6, 0, 0, 0, 0, 0, 0, 0];
// prettier-ignore
const ACCIDENT = [0.35, 0.3, 0.3, 0.2, 0.15, 0.25, 0.55, 1.1, 1.05, 0.75, 0.7, 0.8, 0.95, 0.95, 1.05, 1.3, 1.45, 1.5, 1.1, 0.8, 0.65, 0.6, 0.5, 0.45];

const TABLES = {
  online: hours(ONLINE),
  phoneWeekday: hours(PHONE_WEEKDAY),
  phoneWeekend: hours(PHONE_WEEKEND),
  walkIn: hours(WALK_IN),
};

/** Accident hour weights for a day of week (0 = Sunday): Friday/Saturday nights, quiet weekend mornings. */
const ACCIDENT_TABLES: readonly WeightedTable<number>[] = Array.from({ length: 7 }, (_, dow) =>
  hours(
    ACCIDENT.map((w, h) => {
      const weekend = dow === 0 || dow === 6;
      if ((dow === 5 || dow === 6) && h >= 18) return w * 1.5;
      if ((dow === 6 || dow === 0) && h <= 2) return w * 1.8;
      if (weekend && h >= 6 && h <= 9) return w * 0.5;
      return w;
    }),
  ),
);

function atHour(rng: Rng, day: number, hour: number): number {
  const local = day * 86400 + hour * 3600 + rng.int(3600);
  return isNonexistentDenverTime(local) ? local + 3600 : local;
}

/** Local seconds of a 311 case created on `day` through `source`. */
export function serviceRequestTime(rng: Rng, day: number, source: string, weekend: boolean): number {
  const table =
    source === 'Phone' ? (weekend ? TABLES.phoneWeekend : TABLES.phoneWeekday) : source === 'Walk-in' ? TABLES.walkIn : TABLES.online;
  return atHour(rng, day, table.draw(rng));
}

/** Local seconds of an accident reported on `day` (day of week `dow`). */
export function accidentTime(rng: Rng, day: number, dow: number): number {
  return atHour(rng, day, ACCIDENT_TABLES[dow].draw(rng));
}

/** Whether an hour counts as night for DUI odds (21:00–03:59). */
export function isNightHour(hour: number): boolean {
  return hour >= 21 || hour <= 3;
}
