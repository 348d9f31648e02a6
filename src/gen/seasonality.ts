/**
 * Volume multipliers by season, day of week and holiday. Each season curve is normalized to
 * an annual mean of 1, so a type's `share` sets its yearly volume and the curve only moves
 * it within the year.
 */
import { civilFromDays, dayOfWeek, dayOfYear, nthWeekdayOfMonth } from './civil-date';

export type Season = 'flat' | 'winter' | 'summer' | 'spring' | 'growing' | 'fall' | 'dark';

const TAU = 2 * Math.PI;
const wave = (doy: number, peak: number): number => Math.cos((TAU * (doy - peak)) / 365);

const RAW: Readonly<Record<Season, (doy: number) => number>> = {
  flat: () => 1,
  // Dec–Feb peak, almost nothing May–Sep (snow days add the spikes on top).
  winter: (doy) => 0.03 + Math.max(0, wave(doy, 20)) ** 1.5,
  summer: (doy) => 1 + 0.7 * wave(doy, 196),
  // Late winter / spring: potholes after freeze–thaw cycles, tax season.
  spring: (doy) => 1 + 0.8 * wave(doy, 75),
  growing: (doy) => 1 + 0.6 * wave(doy, 180),
  fall: (doy) => 0.6 + 3 * Math.exp(-(((doy - 300) / 14) ** 2)),
  dark: (doy) => 1 + 0.3 * wave(doy, 355),
};

const MEAN: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(RAW).map(([name, f]) => {
    let sum = 0;
    for (let doy = 1; doy <= 365; doy++) sum += f(doy);
    return [name, sum / 365];
  }),
);

/** Season multiplier (annual mean 1) for a day number. */
export function seasonFactor(season: Season, day: number): number {
  return RAW[season](dayOfYear(day)) / MEAN[season];
}

/** New Year's Day, Independence Day, Thanksgiving, Christmas: offices closed. */
export function isHoliday(day: number): boolean {
  const { y, m, d } = civilFromDays(day);
  if ((m === 1 && d === 1) || (m === 7 && d === 4) || (m === 12 && d === 25)) return true;
  return m === 11 && day === nthWeekdayOfMonth(y, 11, 4, 4);
}

/** Day-of-week multipliers (Sunday first), mean 1. */
const DOW_INFO = [0.35, 1.3, 1.2, 1.15, 1.1, 1.0, 0.45];
const DOW_FIELD = [0.6, 1.2, 1.15, 1.1, 1.1, 1.05, 0.7];
const DOW_ACCIDENT = [0.75, 0.95, 1.0, 1.0, 1.05, 1.25, 0.95];

const normalized = (w: readonly number[]): readonly number[] => {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => x / mean);
};
const DOW: Readonly<Record<'info' | 'field' | 'accident', readonly number[]>> = {
  info: normalized(DOW_INFO),
  field: normalized(DOW_FIELD),
  accident: normalized(DOW_ACCIDENT),
};

/** Day multiplier for a kind of activity: day of week, times 0.35 (311) or 0.9 (accidents) on holidays. */
export function dayFactor(kind: 'info' | 'field' | 'accident', day: number): number {
  const base = DOW[kind][dayOfWeek(day)];
  if (!isHoliday(day)) return base;
  return base * (kind === 'accident' ? 0.9 : 0.35);
}
