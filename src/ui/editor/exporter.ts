/**
 * Export of the current result: CSV and JSON serialized from the result in its displayed order,
 * Parquet written by DuckDB (`COPY (statement) TO … (FORMAT parquet)` through Connector.copyTo),
 * each downloaded through a Blob and an object URL.
 */
import type { Connector, ResultSet } from '../../db/types';
import { toCsv, toJson } from '../../editor/serialize';
import { download } from '../dom';

/** Export file formats. */
export type ExportFormat = 'csv' | 'json' | 'parquet';

/** The result to export. */
export interface ExportSource {
  readonly rs: ResultSet;
  readonly order: ArrayLike<number> | null;
  /** The read-only statement that produced rs (Parquet re-runs it inside DuckDB); null if not re-runnable. */
  readonly sql: string | null;
}

/** `denver-lens-query-20240102-030405.csv` */
export function exportName(format: ExportFormat, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `denver-lens-query-${stamp}.${format}`;
}

/** Builds the file and starts the download. */
export async function exportResult(format: ExportFormat, source: ExportSource, db: Connector): Promise<void> {
  const order = source.order ?? undefined;
  if (format === 'csv') {
    download(exportName('csv'), toCsv(source.rs, order), 'text/csv;charset=utf-8');
  } else if (format === 'json') {
    download(exportName('json'), toJson(source.rs, order), 'application/json');
  } else {
    if (!source.sql) throw new Error('no re-runnable query');
    const bytes = await db.copyTo(source.sql, 'parquet');
    download(exportName('parquet'), bytes, 'application/vnd.apache.parquet');
  }
}
