/**
 * What a result column holds, judged from its DuckDB type name (`BIGINT`, `DECIMAL(10,2)`,
 * `TIMESTAMP WITH TIME ZONE`, …); Arrow-style names (`Int64`, `Timestamp<MICROSECOND>`) work too.
 */

/**
 * - `number`: integers, floats, decimals.
 * - `timestamp`: a point in time, held as epoch ms of the stored wall-clock time.
 * - `timestamptz`: a point in time with a zone (shown in the browser's local time).
 * - `date`: a calendar day, held as epoch ms of its UTC midnight.
 * - `boolean`, `text`, `other` (lists, structs, blobs, intervals, times).
 */
export type ColumnKind = 'number' | 'timestamp' | 'timestamptz' | 'date' | 'boolean' | 'text' | 'other';

/** The kind of a column from its type name. */
export function columnKind(type: string): ColumnKind {
  const t = type.trim().toUpperCase();
  if (/\[\d*\]$|^(STRUCT|MAP|UNION)\b|^LIST\b/.test(t)) return 'other';
  if (/^(TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP<.*,\s*\S+>)/.test(t)) return 'timestamptz';
  if (/^(TIMESTAMP|DATETIME)/.test(t)) return 'timestamp';
  if (/^DATE/.test(t)) return 'date';
  if (/^(TINYINT|SMALLINT|INTEGER|INT\d*|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|UINT\d*|FLOAT\d*|DOUBLE|REAL|DECIMAL|NUMERIC)\b/.test(t)) {
    return 'number';
  }
  if (/^(BOOLEAN|BOOL)\b/.test(t)) return 'boolean';
  if (/^(VARCHAR|UTF8|LARGEUTF8|TEXT|STRING|CHAR|BPCHAR|ENUM|UUID|DICTIONARY)/.test(t)) return 'text';
  return 'other';
}

/** True for kinds that are points in time or days. */
export function isTemporal(kind: ColumnKind): boolean {
  return kind === 'timestamp' || kind === 'timestamptz' || kind === 'date';
}
