/**
 * The benchmark's anchor (issue 6): the plainest way to get the same zip into DuckDB, against
 * which our ingest is compared. Fetch the zip, inflate it with fflate in one call, hand the CSV
 * bytes to DuckDB and let `read_csv` build a table in the OPFS store. Not used by the app.
 */
import { unzipSync } from 'fflate';
import type { Database } from '../db/duckdb';

const FILE = 'anchor.csv';
const TABLE = 'anchor_311';
/**
 * The sniffer reads a sample (the first 20,480 lines), which at scale 10 covers only 10/01 to
 * 10/12: it then takes dates for `%d/%m/%Y` and zip codes for BIGINT, and the load fails on the
 * first 10/13 or ZIP+4 (`80220-6414`). So the formats are given and zip codes read as text;
 * every other column keeps its sniffed type (TIMESTAMP, DATE, DOUBLE, BIGINT, VARCHAR).
 */
const OPTIONS = [
  'header = true',
  `dateformat = '%m/%d/%Y'`,
  `timestampformat = '%m/%d/%Y %I:%M:%S %p'`,
  `types = {'Customer Zip Code': 'VARCHAR', 'Incident Zip Code': 'VARCHAR'}`,
].join(', ');

/** The one CSV entry of a zip (the first `.csv`, else the first entry). */
function csvEntry(files: Record<string, Uint8Array>): Uint8Array {
  const names = Object.keys(files);
  const name = names.find((n) => n.toLowerCase().endsWith('.csv')) ?? names[0];
  if (name === undefined) throw new Error('anchor: the zip has no entries');
  return files[name];
}

/**
 * Loads `zipUrl` with DuckDB's own CSV reader into a table of the store, counts its rows, then
 * drops the table and the registered file. `ms` runs from the fetch to the row count.
 */
export async function anchorCsvLoad(db: Database, zipUrl: string): Promise<{ ms: number; rows: number }> {
  await db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  const t0 = performance.now();
  const response = await fetch(zipUrl);
  if (!response.ok) throw new Error(`anchor: ${zipUrl}: HTTP ${response.status}`);
  const zip = new Uint8Array(await response.arrayBuffer());
  const csv = csvEntry(unzipSync(zip));
  await db.registerFile(FILE, csv);
  try {
    await db.exec(`CREATE TABLE ${TABLE} AS SELECT * FROM read_csv('${FILE}', ${OPTIONS})`);
    const [row] = await db.query(`SELECT count(*) AS n FROM ${TABLE}`);
    const ms = performance.now() - t0;
    return { ms, rows: Number(row?.n ?? 0) };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
    await db.dropFile(FILE);
  }
}
