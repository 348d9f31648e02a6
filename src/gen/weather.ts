/**
 * Daily snow, a pure function of (seed, day): 0 on a dry day, else an intensity of about
 * 0.5–3. Snow raises accidents on the day, and snow/ice and street 311 requests on the day
 * and the day after (see the models).
 */
import { civilFromDays } from './civil-date';
import { Rng } from './prng';

/** Chance of a snow day by month (1–12). */
const SNOW_CHANCE = [0, 0.12, 0.14, 0.16, 0.09, 0.02, 0, 0, 0, 0.01, 0.05, 0.11, 0.11];

export function snowIntensity(seed: number, day: number): number {
  const rng = Rng.from(seed, 'weather', day);
  const { m } = civilFromDays(day);
  if (!rng.chance(SNOW_CHANCE[m])) return 0;
  return Math.min(3, rng.logNormal(1, 0.6));
}
