/**
 * Export of the current result: CSV, JSON and Parquet, each written from the result shown, in its
 * displayed order (nothing is run again, so `random()`, `now()` or an unordered LIMIT export what
 * the grid shows), downloaded through a Blob and an object URL. A result too large for the grid
 * to hold (truncated) is exported by running its query again, streamed (exportStreamed).
 */
import { streamParquet, writeParquet } from '../../app/parquet-writer';
import { fromIpcPieces } from '../../db/result-set';
import type { Connector, ResultSet } from '../../db/types';
import { EXPORT_CHUNK_ROWS, csvChunks, jsonChunks, jsonRowChunks } from '../../editor/serialize';
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

/** The downloads' media types. */
const MIME: Record<ExportFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json', parquet: 'application/vnd.apache.parquet' };

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
    download(exportName('parquet'), pieces, MIME.parquet);
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
  download(exportName(format), parts, MIME[format]);
}

/**
 * Exports a query's whole result by running it again and streaming it (Connector.streamIpc): each
 * piece is written as it comes, in the query's order, into Blobs, so the file may be far larger
 * than the page could hold. `onRows` hears the rows written so far; `signal` stops it (and
 * DuckDB's query) with QueryCancelled.
 */
export async function exportStreamed(
  format: ExportFormat,
  db: Connector,
  sql: string,
  onRows: (rows: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (!db.streamIpc) throw new Error('this store cannot stream a result');
  const stream = db.streamIpc(sql, signal);
  const parts: Blob[] = [];
  if (format === 'parquet') {
    await streamParquet(stream, (chunks) => parts.push(new Blob(chunks as BlobPart[])), onRows);
  } else {
    let rows = 0;
    let first = true;
    /** A JSON row chunk went out: the next needs a separator. */
    let wrote = false;
    if (format === 'json') parts.push(new Blob(['[']));
    for await (const ipc of stream) {
      const rs = fromIpcPieces([ipc]);
      if (format === 'csv') for (const text of csvChunks(rs, undefined, EXPORT_CHUNK_ROWS, first)) parts.push(new Blob([text]));
      else
        for (const text of jsonRowChunks(rs)) {
          parts.push(new Blob([(wrote ? ',\n' : '') + text]));
          wrote = true;
        }
      first = false;
      onRows((rows += rs.rowCount));
      await nextTask();
    }
    if (format === 'json') parts.push(new Blob([']\n']));
  }
  download(exportName(format), parts, MIME[format]);
}
