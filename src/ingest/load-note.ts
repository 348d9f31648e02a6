/** The note a load leaves in the ingest log: what was read other than as written, or not applied. */
import type { HeaderInfo } from './protocol';

/**
 * @param stale records older than the stored versions (not applied)
 * @param stats the ingest worker's counters (BatchStats plus the decoder's)
 */
export function noteFor(stale: number, info: Pick<HeaderInfo, 'extra'>, stats: Record<string, unknown>): string {
  const parts: string[] = [];
  const strayQuotes = Number(stats.strayQuotes ?? 0);
  const invalidBytes = Number(stats.invalidUtf8Bytes ?? 0);
  if (stale) parts.push(`${stale} record${stale === 1 ? ' in this file is' : 's in this file are'} older than the stored versions and ${stale === 1 ? 'was' : 'were'} not applied`);
  if (strayQuotes) {
    const one = strayQuotes === 1;
    parts.push(`${strayQuotes} record${one ? ' has' : 's have'} unescaped quotes inside a quoted field, read with the quotes as text`);
  }
  if (invalidBytes) {
    const at = Number(stats.firstInvalidUtf8At);
    parts.push(`${invalidBytes} byte${invalidBytes === 1 ? ' is' : 's are'} not UTF-8 (the first at byte ${at}) and ${invalidBytes === 1 ? 'was' : 'were'} read as Windows-1252`);
  }
  const placed = Number(stats.placedByCoordinates ?? 0);
  if (placed) {
    parts.push(`${placed} record${placed === 1 ? '' : 's'} without a neighborhood placed in one by ${placed === 1 ? 'its' : 'their'} coordinates and the stored boundaries`);
  }
  if (info.extra.length) parts.push(`extra columns kept in "extra": ${info.extra.join(', ')}`);
  return parts.join('; ');
}
