/**
 * Export of the current result: CSV, JSON and Parquet, each written from the result shown, in its
 * displayed order (nothing is run again, so `random()`, `now()` or an unordered LIMIT export what
 * the grid shows), into a BlobSink a part at a time (a download, or a file the user picked:
 * ../save-file). A result too large for the grid to hold (truncated) is exported by running its
 * query again, streamed (exportStreamed).
 */
import { streamParquet, writeParquet } from '../../app/parquet-writer';
import { fromIpcPieces } from '../../db/result-set';
import type { Connector, ResultSet } from '../../db/types';
import { EXPORT_CHUNK_ROWS, csvChunks, jsonChunks, jsonRowChunks } from '../../editor/serialize';
import type { BlobSink } from '../../app/blob-sink';
import type { SaveAs } from '../save-file';

/** Export file formats. */
export type ExportFormat = 'csv' | 'json' | 'parquet';

/** The result to export. */
export interface ExportSource {
  readonly rs: ResultSet;
  readonly order: ArrayLike<number> | null;
}

/** `denver-lens-query-20240102-030405.csv` */
function exportName(format: ExportFormat, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `denver-lens-query-${stamp}.${format}`;
}

/** The files' media types, and what a save picker calls them. */
const MIME: Record<ExportFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json', parquet: 'application/vnd.apache.parquet' };
const DESCRIPTION: Record<ExportFormat, string> = { csv: 'CSV file', json: 'JSON file', parquet: 'Parquet file' };

/** What an export in `format` is saved as. */
export function exportSaveAs(format: ExportFormat, now = new Date()): SaveAs {
  return { name: exportName(format, now), type: MIME[format], description: DESCRIPTION[format] };
}

/** Lets the page paint and handle input (the Cancel of a long export, say) before the next piece. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Writes the file into `sink`, reporting the share of rows written, so a result of hundreds of
 * thousands of rows neither freezes the page for the half minute its file takes nor leaves it
 * silent. CSV and JSON are written a few thousand rows at a time, yielding to the page between
 * pieces, each piece made bytes as it comes (one Blob of the whole text at the end took seconds
 * in one task); Parquet is encoded in a worker (app/parquet-writer.ts).
 */
export async function exportResult(
  format: ExportFormat,
  source: ExportSource,
  sink: BlobSink,
  onProgress: (share: number) => void = () => undefined,
): Promise<void> {
  const order = source.order ?? undefined;
  if (format === 'parquet') {
    sink.push(new Blob((await writeParquet(source.rs, { order, onProgress })) as BlobPart[]));
    return;
  }
  const rows = order ? order.length : source.rs.rowCount;
  let done = 0;
  let first = true;
  const pieces = format === 'csv' ? csvChunks(source.rs, order) : jsonChunks(source.rs, order);
  for (const piece of pieces) {
    sink.push(new Blob([piece]));
    done = Math.min(rows, done + (first ? 0 : EXPORT_CHUNK_ROWS));
    first = false;
    onProgress(rows ? done / rows : 1);
    await nextTask();
  }
}

/**
 * Exports a query's whole result by running it again and streaming it (Connector.streamIpc): each
 * piece is written into `sink` as it comes, in the query's order, so the file may be far larger
 * than the page could hold. `onRows` hears the rows written so far; `signal` stops it (and
 * DuckDB's query) with QueryCancelled.
 */
export async function exportStreamed(
  format: ExportFormat,
  db: Connector,
  sql: string,
  sink: BlobSink,
  onRows: (rows: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (!db.streamIpc) throw new Error('this store cannot stream a result');
  const stream = db.streamIpc(sql, signal);
  if (format === 'parquet') {
    await streamParquet(stream, (chunks) => sink.push(new Blob(chunks as BlobPart[])), onRows);
  } else {
    let rows = 0;
    let first = true;
    /** A JSON row chunk went out: the next needs a separator. */
    let wrote = false;
    if (format === 'json') sink.push(new Blob(['[']));
    for await (const ipc of stream) {
      const rs = fromIpcPieces([ipc]);
      if (format === 'csv') for (const text of csvChunks(rs, undefined, EXPORT_CHUNK_ROWS, first)) sink.push(new Blob([text]));
      else
        for (const text of jsonRowChunks(rs)) {
          sink.push(new Blob([(wrote ? ',\n' : '') + text]));
          wrote = true;
        }
      first = false;
      onRows((rows += rs.rowCount));
      await nextTask();
    }
    if (format === 'json') sink.push(new Blob([']\n']));
  }
}
