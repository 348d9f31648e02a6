/**
 * Colors for years that do not depend on the filters: a year's color is keyed to the year
 * itself, not to its place among the years shown, so 2023 keeps its color when a date filter
 * adds or removes other years.
 */
import { TYPE_PALETTE } from './type-colors';

/**
 * The palette years cycle through: 18 colors, so that 18 consecutive years (the city's files
 * span 2013–2026) never share one, and neighboring years always differ in hue.
 */
export const YEAR_PALETTE: readonly string[] = TYPE_PALETTE;

/** The color of `year`: the palette's entry at the year modulo the palette's length. */
export function yearColor(year: number): string {
  const n = YEAR_PALETTE.length;
  return YEAR_PALETTE[((Math.trunc(year) % n) + n) % n];
}

/** An ordinal color scale over `years` (ascending, for the legend) that gives each its own color. */
export function yearScale(years: readonly number[]): { domain: number[]; range: string[] } {
  const domain = [...new Set(years.filter(Number.isFinite))].sort((a, b) => a - b);
  return { domain, range: domain.map(yearColor) };
}
