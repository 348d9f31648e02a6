/** Number formatting for summaries and tables (en-US, as the rest of the UI). */

/** 12,345 */
export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

/** A count and its noun, singular for exactly one: `1 day`, `0 days`, `6,026 days`. */
export function fmtCount(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${Math.abs(n) === 1 ? one : many}`;
}

/** A number with `digits` decimals. */
export function fmtNum(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
}

/** A share 0–1 as a percentage. */
export function fmtPct(share: number, digits = 0): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : '–';
}

/** A p-value as usually written. */
export function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'p = –';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A bare p-value for tables: `< 0.001` or `0.123`. */
export function fmtPValue(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Hours, in the unit that reads best. */
export function fmtHours(h: number): string {
  if (!Number.isFinite(h)) return '–';
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} days`;
}

/** Reads a numeric cell (numbers arrive as numbers, big integers as strings). */
export function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}
