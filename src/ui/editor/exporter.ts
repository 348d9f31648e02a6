/**
 * Export of the current result: CSV, JSON and Parquet, each written from the result shown, in its
 * displayed order (nothing is run again, so `random()`, `now()` or an unordered LIMIT export what
 * the grid shows), downloaded through a Blob and an object URL.
 */
import { resultToParquet } from '../../db/parquet';
import type { ResultSet } from '../../db/types';
import { toCsv, toJson } from '../../editor/serialize';
import { download } from '../dom';

/** Export file formats. */
export type ExportFormat = 'csv' | 'json' | 'parquet';

/** The result to export. */
export interface ExportSource {
  readonly rs: ResultSet;
  readonly order: ArrayLike<number> | null;
}

/** `denver-lens-query-20240102-030405.csv` */
export function exportName(format: ExportFormat, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `denver-lens-query-${stamp}.${format}`;
}

/** Builds the file and starts the download. */
export function exportResult(format: ExportFormat, source: ExportSource): void {
  const order = source.order ?? undefined;
  if (format === 'csv') {
    download(exportName('csv'), toCsv(source.rs, order), 'text/csv;charset=utf-8');
  } else if (format === 'json') {
    download(exportName('json'), toJson(source.rs, order), 'application/json');
  } else {
    download(exportName('parquet'), resultToParquet(source.rs, order), 'application/vnd.apache.parquet');
  }
}
