/** Small per-record helpers of BatchBuilder: blank checks, source picking, the `extra` JSON. */
import { DATETIME, FLAG, INT } from './column-plan';
import { parseDateTime } from './normalize/dates';
import { normDouble, normFlag, normInt, normText } from './normalize/values';

/** True when every field is empty or whitespace. */
export function isBlankRecord(fields: string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i].trim() !== '') return false;
  return true;
}

/** The first non-blank field among the sources, untrimmed, or null. */
export function firstRaw(sources: number[], fields: string[]): string | null {
  for (let k = 0; k < sources.length; k++) {
    const v = fields[sources[k]];
    if (v.trim() !== '') return v;
  }
  return null;
}

/**
 * Reads a value of a numeric kind code (DATETIME, INT, FLAG; anything else as a double).
 * A switch keeps the calls monomorphic; a reader callback would make them megamorphic.
 */
export function readNumber(kind: number, value: string): number | null | undefined {
  switch (kind) {
    case DATETIME:
      return parseDateTime(value);
    case INT:
      return normInt(value);
    case FLAG:
      return normFlag(value);
    default:
      return normDouble(value);
  }
}

/** Builds the `extra` column: a JSON object of the non-blank unmapped fields, by header name. */
export class ExtraJson {
  private readonly indices: number[];
  private readonly prefixes: string[];

  constructor(extra: readonly { index: number; header: string }[]) {
    this.indices = extra.map((e) => e.index);
    this.prefixes = extra.map((e) => `${JSON.stringify(e.header)}:`);
  }

  /** The JSON text for a record, or null when there are no extra fields or all are blank. */
  of(fields: string[]): string | null {
    const n = this.indices.length;
    if (n === 0) return null;
    let json: string | null = null;
    for (let k = 0; k < n; k++) {
      const v = normText(fields[this.indices[k]]);
      if (v === null) continue;
      const pair = this.prefixes[k] + JSON.stringify(v);
      json = json === null ? `{${pair}` : `${json},${pair}`;
    }
    return json === null ? null : `${json}}`;
  }
}
