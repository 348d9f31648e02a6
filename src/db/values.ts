/**
 * Converts values read from Arrow vectors into plain JS values (see Row in ./types):
 * bigint → number when it fits exactly, else a decimal string; Date → epoch ms; structs and
 * lists → plain objects/arrays; decimals → number. Pure; shared by the browser connector and
 * the Node test helper.
 */
import { DataType, Type } from 'apache-arrow';

type Typed = { typeId: number; scale?: number; children?: { name: string; type: any }[] };

/** Converts one Arrow value (as returned by Vector.get) to a plain value. */
export function plainValue(value: unknown, type: Typed | DataType): unknown {
  if (value === null || value === undefined) return null;
  const t = type as Typed;
  switch (t.typeId) {
    case Type.Int:
    case Type.Int64:
    case Type.Uint64:
      return typeof value === 'bigint' ? bigintValue(value) : value;
    case Type.Decimal:
      return decimalValue(value, t.scale ?? 0);
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return value instanceof Date ? value.getTime() : typeof value === 'bigint' ? Number(value) : value;
    case Type.List:
    case Type.FixedSizeList: {
      const child = (t.children ?? [])[0]?.type;
      const arr = Array.from(value as Iterable<unknown>);
      return child ? arr.map((v) => plainValue(v, child)) : arr;
    }
    case Type.Struct: {
      const out: Record<string, unknown> = {};
      for (const f of t.children ?? []) out[f.name] = plainValue((value as any)[f.name], f.type);
      return out;
    }
    default:
      return typeof value === 'bigint' ? bigintValue(value) : value;
  }
}

function bigintValue(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
}

function decimalValue(value: unknown, scale: number): number {
  // apache-arrow 17 returns decimals as a Uint32Array-backed little-endian 128-bit integer.
  if (typeof value === 'number') return value / 10 ** scale;
  const words = value as Uint32Array;
  let big = 0n;
  for (let i = words.length - 1; i >= 0; i--) big = (big << 32n) + BigInt(words[i]);
  if (words.length && (words[words.length - 1] & 0x80000000) !== 0) big -= 1n << BigInt(32 * words.length);
  return Number(big) / 10 ** scale;
}
