/**
 * User-facing texts of the ingest stages (header errors, row reject reasons, file refusals).
 * Kept in one place so wording stays consistent and tests can match on it.
 */

const MAX_VALUE_CHARS = 80;
const MAX_LISTED = 12;

/** Quotes a source value for a message, cut to 80 characters. */
export function quoteValue(value: string): string {
  const v = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  return JSON.stringify(v);
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => (n === '' ? '(blank)' : n));
  const more = names.length > MAX_LISTED ? `, … (${names.length - MAX_LISTED} more)` : '';
  return shown.join(', ') + more;
}

export const ingestMessages = {
  binaryFile: (): string =>
    'This file does not look like a CSV text file (it contains binary data). Pick the CSV (or the zip that holds it).',
  emptyHeader: (): string => 'The file is empty: there is no header line.',
  unknownHeader: (unmatched: readonly string[]): string =>
    `Unknown file: none of the columns match the 311 or traffic-accident layouts (unmatched: ${list(unmatched)})`,
  missingKeyColumns: (dataset: string, missing: readonly string[], unmatched: readonly string[]): string =>
    `This looks like a ${dataset} file, but it lacks the key column(s) ${list(missing)}` +
    (unmatched.length > 0 ? ` (unmatched: ${list(unmatched)})` : ''),
  ambiguousHeader: (): string =>
    'The header matches both the 311 and the traffic-accident layouts; cannot tell which file this is.',
  duplicateHeaders: (names: readonly string[]): string =>
    `The header names these columns more than once: ${list(names)}`,

  // Row reject reasons (stored with the rejected row; keep them short).
  fieldCount: (expected: number, found: number): string => `expected ${expected} fields, found ${found}`,
  emptyRecord: (): string => 'empty record',
  missingEventTime: (headers: readonly string[]): string => `missing ${headers.join(' / ')}`,
  badEventTime: (header: string, value: string): string => `unparseable ${header}: ${quoteValue(value)}`,
  missingId: (headers: readonly string[]): string => `missing ${headers.join(' / ')}`,
  badId: (header: string, value: string): string => `unparseable ${header}: ${quoteValue(value)}`,
};

/** Dataset names as shown to users. */
export const datasetLabel = {
  service_requests: '311 service-request',
  traffic_accidents: 'traffic-accident',
} as const;
