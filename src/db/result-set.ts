/**
 * Wraps an Arrow table (a query result) as a ResultSet: cells are converted to plain values
 * only when read, so a 200k-row result costs nothing until the grid scrolls to it.
 */
import { Table, Type, tableFromIPC, tableToIPC, type RecordBatch, type Schema } from 'apache-arrow';
import type { ColumnMeta, ResultSet, Row } from './types';
import { columnReader, type VectorLike } from './values';

interface ArrowLike {
  numRows: number;
  schema: { fields: { name: string; type: any }[] };
  getChildAt(i: number): VectorLike | null;
}

const INTS: Record<string, string> = {
  Int8: 'TINYINT', Int16: 'SMALLINT', Int32: 'INTEGER', Int64: 'BIGINT',
  Uint8: 'UTINYINT', Uint16: 'USMALLINT', Uint32: 'UINTEGER', Uint64: 'UBIGINT',
};
const TIMESTAMP_UNITS = ['TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP', 'TIMESTAMP_NS'];

/**
 * DuckDB's name of an Arrow type, as the editor's grid header shows it. duckdb-wasm sends HUGEINT
 * as DECIMAL(38,0), so that is named HUGEINT (what sum() of integers returns); other decimals keep
 * their precision and scale. Dictionaries are DuckDB ENUMs.
 */
export function typeName(type: any): string {
  const s = String(type);
  if (/^Dictionary/.test(s)) return 'ENUM';
  if (/^(Utf8|LargeUtf8)/.test(s)) return 'VARCHAR';
  if (/^Timestamp/.test(s)) return type.timezone ? 'TIMESTAMPTZ' : TIMESTAMP_UNITS[type.unit] ?? 'TIMESTAMP';
  if (/^Date/.test(s)) return 'DATE';
  if (/^Time/.test(s)) return 'TIME';
  if (/^Interval/.test(s)) return 'INTERVAL';
  if (/^Bool/.test(s)) return 'BOOLEAN';
  if (/^Float64/.test(s)) return 'DOUBLE';
  if (/^Float32/.test(s)) return 'FLOAT';
  const int = /^U?[Ii]nt\d+/.exec(s)?.[0];
  if (int && INTS[int]) return INTS[int];
  if (/^Decimal/.test(s)) return type.scale === 0 && type.precision === 38 ? 'HUGEINT' : `DECIMAL(${type.precision},${type.scale})`;
  if (/^(List|FixedSizeList)/.test(s)) return `${typeName(type.children?.[0]?.type)}[]`;
  if (/^Struct/.test(s)) return `STRUCT(${(type.children ?? []).map((f: any) => `${f.name} ${typeName(f.type)}`).join(', ')})`;
  if (/^Map/.test(s)) {
    const [k, v] = type.children?.[0]?.type?.children ?? [];
    return `MAP(${typeName(k?.type)}, ${typeName(v?.type)})`;
  }
  if (/^(Binary|LargeBinary|FixedSizeBinary)/.test(s)) return 'BLOB';
  return s.toUpperCase();
}

export function toResultSet(table: ArrowLike): ResultSet {
  const fields = table.schema.fields;
  const columns: ColumnMeta[] = fields.map((f) => ({ name: f.name, type: typeName(f.type) }));
  const readers = fields.map((_, i) => columnReader(table.getChildAt(i)));
  const rowCount = table.numRows;
  const cell = (r: number, c: number) => readers[c](r);
  return {
    columns,
    rowCount,
    cell,
    rows(start = 0, end = rowCount) {
      const out: Row[] = [];
      for (let r = start; r < Math.min(end, rowCount); r++) {
        const row: Row = {};
        for (let c = 0; c < columns.length; c++) row[columns[c].name] = cell(r, c);
        out.push(row);
      }
      return out;
    },
    ipcPieces: () => ipcPieces(table),
  };
}

const hasInterval = (type: { typeId: number; children?: { type: any }[] } | undefined): boolean =>
  !!type && (type.typeId === Type.Interval || (type.children ?? []).some((c) => hasInterval(c.type)));

/** Record batches per IPC piece: tens of milliseconds of copying each (duckdb-wasm's batches hold ~2k rows). */
export const IPC_PIECE_BATCHES = 16;

/**
 * The table as IPC streams of IPC_PIECE_BATCHES record batches each, so a page can post them
 * one task at a time (the whole of a 426k-row result took ~1 s in one). Null for a table of
 * another copy of apache-arrow (Node's duckdb-wasm build brings its own, whose tables this one's
 * writer reads as empty) and for intervals (apache-arrow 17 cannot read DuckDB's MONTH_DAY_NANO
 * ones; values.ts reads their bytes itself).
 */
function ipcPieces(table: ArrowLike): Iterable<Uint8Array> | null {
  if (!(table instanceof Table) || table.schema.fields.some((f) => hasInterval(f.type))) return null;
  const whole = table;
  return (function* () {
    const batches = whole.batches;
    if (batches.length === 0) yield batchesToIpc([], whole.schema);
    for (let i = 0; i < batches.length; i += IPC_PIECE_BATCHES) yield batchesToIpc(batches.slice(i, i + IPC_PIECE_BATCHES));
  })();
}

/**
 * Record batches of a streamed result as one IPC piece (what ipcPieces makes of a whole result);
 * throws for intervals, which would not read back (see ipcPieces).
 */
export function batchesToIpc(batches: readonly RecordBatch[], schema?: Schema): Uint8Array {
  const table = batches.length || !schema ? new Table(batches as RecordBatch[]) : new Table(schema);
  if (table.schema.fields.some((f) => hasInterval(f.type))) throw new Error('an INTERVAL column cannot be streamed as Arrow IPC');
  return tableToIPC(table, 'stream');
}

/** The result ipcPieces wrote, read back (in a worker). */
export function fromIpcPieces(pieces: readonly Uint8Array[]): ResultSet {
  const tables = pieces.map((p) => tableFromIPC(p));
  const batches = tables.flatMap((t) => t.batches);
  return toResultSet(batches.length ? new Table(batches) : (tables[0] ?? new Table()));
}

/** The parts of an Arrow Data tree walked for dictionaries. */
interface DataNode {
  readonly type: { typeId: number };
  readonly length: number;
  readonly nullCount: number;
  readonly children: DataNode[];
  dictionary?: any;
}

interface BatchLike {
  readonly numCols: number;
  getChildAt(i: number): { data: readonly unknown[] } | null;
}

const DICTIONARY = -1;

function someNode(node: DataNode, test: (n: DataNode) => boolean): boolean {
  return test(node) || node.children.some((c) => someNode(c, test));
}

/**
 * True when a dictionary (DuckDB ENUM) column of these batches came without its values, as
 * duckdb-wasm's streamed results do (duckdb-wasm#1548): every ENUM would read as NULL.
 */
export function lacksDictionaries(batches: readonly BatchLike[]): boolean {
  return batches.some((b) =>
    Array.from({ length: b.numCols }, (_, i) => (b.getChildAt(i)?.data ?? []) as DataNode[]).some((chunks) =>
      chunks.some((d) => someNode(d, (n) => n.type.typeId === DICTIONARY && n.length > n.nullCount && !n.dictionary?.length)),
    ),
  );
}

/** Gives the batches' empty dictionaries the ones of `reference`, a result of the same columns. */
export function restoreDictionaries(batches: readonly BatchLike[], reference: BatchLike): void {
  const copy = (into: DataNode, from: DataNode | undefined) => {
    if (!from) return;
    if (into.type.typeId === DICTIONARY && !into.dictionary?.length && from.dictionary?.length) into.dictionary = from.dictionary;
    into.children.forEach((c, k) => copy(c, from.children[k]));
  };
  for (const b of batches) {
    for (let i = 0; i < b.numCols; i++) {
      const from = reference.getChildAt(i)?.data[0] as DataNode | undefined;
      for (const d of (b.getChildAt(i)?.data ?? []) as DataNode[]) copy(d, from);
    }
  }
}
