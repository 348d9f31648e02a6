/**
 * Converts values read from Arrow columns into plain JS values (see Row in ./types). Pure; shared
 * by the browser connector and the Node test helper.
 *
 * - Integers: numbers when they fit exactly, else exact decimal strings (HUGEINT, UBIGINT, …).
 * - DECIMAL (and HUGEINT, which duckdb-wasm sends as DECIMAL(38,0)): a number when the number is
 *   exactly the decimal, else the exact decimal string (`12345678901234567.89`).
 * - TIMESTAMP/DATE: epoch ms (microseconds as the fraction, when Arrow has them).
 * - TIME and INTERVAL: text as DuckDB prints it (`13:45:07.5`, `1 day 02:16:23`).
 * - BLOB: a Uint8Array.
 * - Lists, structs and maps: plain arrays and objects whose values follow the same rules, except
 *   that times, dates and blobs inside them are text (as the grid would show them at the top).
 */
import { Type } from 'apache-arrow';

/** The parts of an Arrow Data chunk read here (apache-arrow's Data). */
interface DataLike {
  readonly type: any;
  readonly length: number;
  readonly values: any;
  readonly valueOffsets?: ArrayLike<number>;
  readonly children: DataLike[];
  getValid(index: number): boolean;
}

/** The parts of an Arrow Vector read here (a result column: one or more chunks). */
export interface VectorLike {
  readonly data: readonly DataLike[];
  get(index: number): unknown;
}

const MONTH_DAY_NANO = 2;
const UTF8 = new TextDecoder();
const TIME_UNIT_TO_MICROS = [1_000_000n, 1_000n, 1n];

/**
 * A reader of one result column: row index → plain value. Chunks are located once per call by
 * binary search; nested values are read straight from the chunk's buffers (apache-arrow 17 cannot
 * read DuckDB's MONTH_DAY_NANO intervals, nor slice them).
 */
export function columnReader(vector: VectorLike | null): (row: number) => unknown {
  if (!vector) return () => null;
  const chunks = vector.data;
  const starts: number[] = [];
  let total = 0;
  for (const d of chunks) {
    starts.push(total);
    total += d.length;
  }
  const Ctor = vector.constructor as new (data: DataLike[]) => VectorLike;
  const leaves = new WeakMap<DataLike, VectorLike>();
  // Text is read through utf8Reader, a chunk at a time (which spared an export of 426k rows 6 s);
  // the last chunk's reader is kept, for reads in order.
  let textData: DataLike | null = null;
  let text: (i: number) => string = () => '';
  const leaf = (data: DataLike, i: number): unknown => {
    if (data.type.typeId === Type.Utf8 && data.valueOffsets) {
      if (textData !== data) {
        textData = data;
        text = utf8Reader(data.values as Uint8Array, data.valueOffsets, data.length);
      }
      return text(i);
    }
    let v = leaves.get(data);
    if (!v) leaves.set(data, (v = new Ctor([data])));
    return v.get(i);
  };
  return (row) => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    const data = chunks[lo];
    const i = row - (starts[lo] ?? 0);
    if (!data || i < 0 || i >= data.length) return null;
    return readValue(data, i, leaf, false);
  };
}

/**
 * The values of a Utf8 chunk of `n` values (its bytes and offsets), one decode for the chunk:
 * each value is then a slice of it when every byte was one character (ASCII), else decoded alone.
 */
export function utf8Reader(bytes: Uint8Array, offsets: ArrayLike<number>, n: number): (i: number) => string {
  const each = (i: number) => UTF8.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  if (n === 0) return each;
  const base = offsets[0]!;
  const whole = UTF8.decode(bytes.subarray(base, offsets[n]));
  return whole.length === offsets[n]! - base ? (i) => whole.slice(offsets[i]! - base, offsets[i + 1]! - base) : each;
}

type Leaf = (data: DataLike, i: number) => unknown;

function readValue(data: DataLike, i: number, leaf: Leaf, nested: boolean): unknown {
  if (!data.getValid(i)) return null;
  const t = data.type;
  switch (t.typeId) {
    case Type.List: {
      const offsets = data.valueOffsets!;
      const child = data.children[0];
      const out: unknown[] = [];
      for (let j = offsets[i]; j < offsets[i + 1]; j++) out.push(readValue(child, j, leaf, true));
      return out;
    }
    case Type.FixedSizeList: {
      const size: number = t.listSize;
      const child = data.children[0];
      const out: unknown[] = [];
      for (let j = i * size; j < (i + 1) * size; j++) out.push(readValue(child, j, leaf, true));
      return out;
    }
    case Type.Struct: {
      const out: Record<string, unknown> = {};
      (t.children as { name: string }[]).forEach((f, k) => (out[f.name] = readValue(data.children[k], i, leaf, true)));
      return out;
    }
    case Type.Map: {
      const offsets = data.valueOffsets!;
      const [keys, values] = data.children[0].children;
      const out: Record<string, unknown> = {};
      for (let j = offsets[i]; j < offsets[i + 1]; j++) {
        out[String(readValue(keys, j, leaf, true))] = readValue(values, j, leaf, true);
      }
      return out;
    }
    case Type.Interval:
      return intervalValue(data, i, leaf);
    default:
      return leafValue(leaf(data, i), t, nested);
  }
}

function leafValue(value: unknown, t: any, nested: boolean): unknown {
  if (value === null || value === undefined) return null;
  switch (t.typeId) {
    case Type.Int:
    case Type.Int64:
    case Type.Uint64:
      return typeof value === 'bigint' ? bigintValue(value) : value;
    case Type.Decimal:
      return decimalValue(value, t.scale ?? 0);
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond: {
      const ms = value instanceof Date ? value.getTime() : Number(value);
      return nested ? timestampText(ms).slice(0, 10) : ms;
    }
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond: {
      const ms = value instanceof Date ? value.getTime() : Number(value);
      return nested ? timestampText(ms) + (t.timezone ? '+00' : '') : ms;
    }
    case Type.Time:
    case Type.TimeSecond:
    case Type.TimeMillisecond:
    case Type.TimeMicrosecond:
    case Type.TimeNanosecond: {
      const unit: number = t.unit ?? 2;
      const raw = BigInt(value as number | bigint);
      return timeText(unit === 3 ? raw / 1000n : raw * TIME_UNIT_TO_MICROS[unit]);
    }
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return nested && value instanceof Uint8Array ? blobText(value) : value;
    default:
      return typeof value === 'bigint' ? bigintValue(value) : value;
  }
}

function intervalValue(data: DataLike, i: number, leaf: Leaf): string {
  const unit: number = data.type.unit;
  if (unit === MONTH_DAY_NANO) {
    // 16 bytes per value: months (int32), days (int32), nanoseconds (int64, little-endian).
    const v = data.values as Int32Array;
    const k = i * 4;
    const nanos = (BigInt(v[k + 3]) << 32n) | BigInt(v[k + 2] >>> 0);
    return intervalText(v[k], v[k + 1], nanos / 1000n);
  }
  const parts = leaf(data, i) as Int32Array;
  // YEAR_MONTH: [years, months]; DAY_TIME: [days, milliseconds].
  return unit === 0 ? intervalText(parts[0] * 12 + parts[1], 0, 0n) : intervalText(0, parts[0], BigInt(parts[1]) * 1000n);
}

function bigintValue(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** A decimal as a number when the number is exactly it, else as its exact text. */
function decimalValue(value: unknown, scale: number): number | string {
  if (typeof value === 'number') return value / 10 ** scale;
  // apache-arrow 17 returns decimals as a Uint32Array-backed little-endian two's-complement integer.
  const words = value as Uint32Array;
  let big = 0n;
  for (let i = words.length - 1; i >= 0; i--) big = (big << 32n) + BigInt(words[i]);
  if (words.length && (words[words.length - 1] & 0x80000000) !== 0) big -= 1n << BigInt(32 * words.length);
  const text = decimalText(big, scale);
  const short = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  const n = Number(short);
  return String(n) === short ? n : text;
}

/** `unscaled / 10^scale` as exact text, with `scale` digits after the point (`-1.50`). */
export function decimalText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const body = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return (neg ? '-' : '') + body;
}

const pad = (n: number | bigint, w = 2) => String(n).padStart(w, '0');

/** `.123456` trimmed of trailing zeros, or '' for whole seconds. */
function fraction(micros: bigint): string {
  return micros === 0n ? '' : '.' + pad(micros, 6).replace(/0+$/, '');
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (trailing zeros trimmed, as DuckDB prints) of an epoch-ms time. */
export function timestampText(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const us = BigInt(Math.round(ms * 1000));
  let secs = us / 1_000_000n;
  let frac = us % 1_000_000n;
  if (frac < 0n) {
    frac += 1_000_000n;
    secs -= 1n;
  }
  const d = new Date(Number(secs) * 1000);
  if (Number.isNaN(d.getTime())) return String(ms);
  const iso = d.toISOString();
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + fraction(frac);
}

/** `HH:MM:SS[.ffffff]` of a time of day (or a non-negative span) in microseconds. */
export function timeText(micros: bigint): string {
  const s = micros / 1_000_000n;
  return `${pad(s / 3600n)}:${pad((s / 60n) % 60n)}:${pad(s % 60n)}${fraction(micros % 1_000_000n)}`;
}

/** An interval as DuckDB prints it: `1 year 2 months 3 days 04:05:06.25`, `00:00:00`. */
export function intervalText(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  const unit = (n: number, word: string) => parts.push(`${n} ${word}${n === 1 || n === -1 ? '' : 's'}`);
  const years = Math.trunc(months / 12);
  const rest = months % 12;
  if (years) unit(years, 'year');
  if (rest) unit(rest, 'month');
  if (days) unit(days, 'day');
  if (micros !== 0n || parts.length === 0) parts.push(micros < 0n ? `-${timeText(-micros)}` : timeText(micros));
  return parts.join(' ');
}

/** A BLOB as DuckDB prints it: printable ASCII as is, every other byte as `\xHH`. */
export function blobText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const regular = b >= 32 && b <= 126 && b !== 0x5c && b !== 0x27 && b !== 0x22;
    out += regular ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
