/**
 * Export of the current result: CSV, JSON and Parquet, each written from the result shown, in its
 * displayed order (nothing is run again, so `random()`, `now()` or an unordered LIMIT export what
 * the grid shows), downloaded through a Blob and an object URL.
 */
import { writeParquet } from '../../app/parquet-writer';
import type { ResultSet } from '../../db/types';
import { EXPORT_CHUNK_ROWS, csvChunks, jsonChunks } from '../../editor/serialize';
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

/** Lets the page paint and handle input (the Cancel of a long export, say) before the next piece. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Builds the file and starts the download, reporting the share of rows written, so a result of
 * hundreds of thousands of rows neither freezes the page for the half minute its file takes nor
 * leaves it silent. CSV and JSON are written a few thousand rows at a time, yielding to the page
 * between pieces, each piece made bytes as it comes (one Blob of the whole text at the end took
 * seconds in one task); Parquet is encoded in a worker (app/parquet-writer.ts).
 */
export async function exportResult(format: ExportFormat, source: ExportSource, onProgress: (share: number) => void = () => undefined): Promise<void> {
  const order = source.order ?? undefined;
  if (format === 'parquet') {
    const pieces = await writeParquet(source.rs, { order, onProgress });
    download(exportName('parquet'), pieces, 'application/vnd.apache.parquet');
    return;
  }
  const rows = order ? order.length : source.rs.rowCount;
  const parts: Blob[] = [];
  let done = 0;
  const pieces = format === 'csv' ? csvChunks(source.rs, order) : jsonChunks(source.rs, order);
  for (const piece of pieces) {
    parts.push(new Blob([piece]));
    done = Math.min(rows, done + (parts.length > 1 ? EXPORT_CHUNK_ROWS : 0));
    onProgress(rows ? done / rows : 1);
    await nextTask();
  }
  download(exportName(format), parts, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
}
