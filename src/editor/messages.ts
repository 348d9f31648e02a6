/** Every user-facing message of the SQL editor, in one place. */

const WRITE_REASONS: Record<string, string> = {
  insert: 'INSERT adds rows to a stored table (INSERT INTO temp.name is allowed)',
  update: 'UPDATE changes stored rows (UPDATE temp.name is allowed)',
  delete: 'DELETE removes stored rows (DELETE FROM temp.name is allowed)',
  drop: 'DROP deletes a table, view or other object from the store (DROP TABLE temp.name is allowed)',
  alter: 'ALTER changes a table',
  create: 'CREATE makes a permanent object in the store (CREATE TEMP TABLE/VIEW is allowed)',
  copy: 'COPY reads files into tables or writes files (use the export buttons instead)',
  attach: 'ATTACH opens another database file',
  detach: 'DETACH closes a database',
  import: 'IMPORT DATABASE loads tables into the store',
  export: 'EXPORT DATABASE writes the store to files',
  checkpoint: 'CHECKPOINT writes the store file',
  force: 'FORCE CHECKPOINT writes the store file',
  install: 'INSTALL adds an extension',
  load: 'LOAD loads an extension',
  use: 'USE changes the default database for the whole app',
  vacuum: 'VACUUM rewrites the store',
  analyze: 'ANALYZE updates stored statistics',
  truncate: 'TRUNCATE removes all rows',
  merge: 'MERGE changes rows',
  begin: 'transaction control would affect the whole app',
  start: 'transaction control would affect the whole app',
  commit: 'transaction control would affect the whole app',
  rollback: 'transaction control would affect the whole app',
  abort: 'transaction control would affect the whole app',
  end: 'transaction control would affect the whole app',
  prepare: 'prepared statements can hide writes',
  execute: 'prepared statements can hide writes',
  deallocate: 'prepared statements can hide writes',
  comment: 'COMMENT ON changes the stored catalog',
  call: 'CALL runs a procedure that may change the store',
  pragma: 'this PRAGMA may change the store',
  set: 'this setting changes how the app’s own queries run or what DuckDB may fetch (display and profiling settings are allowed)',
  reset: 'this setting changes how the app’s own queries run or what DuckDB may fetch (display and profiling settings are allowed)',
  grant: 'GRANT changes permissions',
  revoke: 'REVOKE changes permissions',
  into: 'SELECT … INTO creates a table',
  'data-modifying subquery': 'a subquery modifies data',
  duckdb: 'DuckDB’s parser reads it as a statement that changes the store',
};

/** Why a statement is refused while "allow writes" is off. */
export function refusedMessage(keyword: string): string {
  const reason = WRITE_REASONS[keyword] ?? `${keyword.toUpperCase()} may change the store`;
  return `Refused: ${reason}. The editor is read-only; tick “Allow writes” to run statements that change data.`;
}

/** A statement whose kind the editor cannot tell is refused. */
export function unknownMessage(keyword: string): string {
  const what = keyword ? `a statement starting with ${keyword.toUpperCase()}` : 'this statement';
  return `Refused: cannot tell whether ${what} is read-only. Tick “Allow writes” to run it anyway.`;
}

/** A temporary object would hide the store's object or a function of the same name. */
export function shadowMessage(obj: { kind: 'relation' | 'function'; name: string }): string {
  const what = obj.kind === 'function' ? 'a built-in function or macro' : 'a table or view of the store';
  return `Refused: a temporary object named “${obj.name}” would hide ${what} from the reports, which share this connection, until a reload. Give it another name, or tick “Allow writes”.`;
}

/** The grid holds the first rows of a result too large to hold: what it holds, and what to do. */
export function truncatedMessage(rows: number, mb: number, rerunnable: boolean): string {
  const held = `The grid holds the first ${rows.toLocaleString('en-US')} rows (${mb} MB): the query returns more.`;
  return rerunnable
    ? `${held} Add a LIMIT or aggregate, or export: an export of this result runs the query again and streams every row into the file, in the query's order.`
    : `${held} Add a LIMIT or aggregate; an export holds these rows only (the statement is not read-only, so it is not run again).`;
}

/** An export under way: `share` of its rows written. */
export function exportingMessage(format: string, share: number): string {
  return `Exporting ${format.toUpperCase()}… ${Math.floor(share * 100)}%`;
}

/** A streamed export under way (the query run again): rows written so far. */
export function streamingMessage(format: string, rows: number): string {
  return `Exporting ${format.toUpperCase()}… ${rows.toLocaleString('en-US')} rows (the query runs again)`;
}

/** An export handed to the browser's downloads. */
export function exportedMessage(format: string): string {
  return `Exported ${format.toUpperCase()}: see the browser's downloads.`;
}

/** An export written to the file the user picked. */
export function savedMessage(format: string): string {
  return `Exported ${format.toUpperCase()} to the file you chose.`;
}

/** Asked before a save replaces another query saved under the same name. */
export function replaceQuestion(name: string): string {
  return `A saved query is already named “${name}”. Press Replace to overwrite it, or change the name.`;
}

/** Said by the results grid's live region once a column resize has rested. */
export function columnWidthMessage(column: string, px: number): string {
  return `${column}: ${px} pixels wide`;
}

/** Fixed messages. */
export const MSG = {
  /** Every column header's description (the title is for pointer users). */
  columnKeys: 'Alt+Left or Alt+Right arrow resizes the column; Enter sorts',
  nothingToRun: 'Nothing to run: the editor has no SQL statement here.',
  cancelled: 'Query cancelled.',
  running: 'Running…',
  noResult: 'Run a query to see results.',
  noChart: 'No chart for these columns: a chart needs a number column plus a time, category or second number column.',
  chartFailed: 'Could not draw the chart',
  copied: 'Copied.',
  linkCopied: 'Link copied to the clipboard.',
  copyFailed: 'Could not copy to the clipboard.',
  exportFailed: 'Export failed',
  exportCancelled: 'Export cancelled.',
  exportNotSaved: 'Not exported: no file was chosen.',
  schemaFailed: 'Could not read the schema',
  saveNeedsName: 'Give the query a name to save it.',
  saveFull: 'Could not save: the browser’s storage is full or unavailable.',
  replaced: 'Replaced the editor’s text — Ctrl+Z (⌘Z) to undo.',
  rollupsUpdating: 'The script wrote to a dataset table: recomputing the reports’ rollups…',
} as const;

/** After a write to a dataset table, the rollups were recomputed. */
export function rollupsUpdated(elapsed: string): string {
  return `Rollups recomputed after the write (${elapsed}); the reports show the changed data.`;
}

/** After a write to a dataset table, recomputing the rollups failed. */
export function rollupsFailed(reason: string): string {
  return `The write ran, but recomputing the reports’ rollups failed (${reason}); the reports may not show it until the next load.`;
}
