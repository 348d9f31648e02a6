/**
 * CSV records as the files write them: fields joined by commas, CRLF after each record,
 * a field quoted when it holds a comma, a quote or a line break (or always, in `quoteAll`
 * mode, like the 2024–25 Windows-1252 files), inner quotes doubled. The writer also reports
 * which text flaws the record's fields show, so the manifest can count them.
 */

/** Text flaws found in a record's fields, as bit flags. */
export const TEXT_FLAWS = {
  field_with_comma: 1,
  field_with_quote: 2,
  field_with_line_break: 4,
  non_ascii_text: 8,
  /** A non-blank field with leading or trailing whitespace (incl. no-break space). */
  padded_text: 16,
  /** A field of whitespace only (the `"  "` placeholder). */
  two_space_placeholder: 32,
} as const;

export type TextFlaw = keyof typeof TEXT_FLAWS;
export const TEXT_FLAW_NAMES = Object.keys(TEXT_FLAWS) as TextFlaw[];

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 160;

/** Flags of one field (see TEXT_FLAWS). */
export function fieldFlags(field: string): number {
  let flags = 0;
  let allSpace = field.length > 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 44) flags |= 1;
    else if (c === 34) flags |= 2;
    else if (c === 10 || c === 13) flags |= 4;
    else if (c > 127) flags |= 8;
    if (allSpace && !isSpace(c)) allSpace = false;
  }
  if (allSpace) flags |= 32;
  else if (field.length > 0 && (isSpace(field.charCodeAt(0)) || isSpace(field.charCodeAt(field.length - 1)))) flags |= 16;
  return flags;
}

export interface CsvRecord {
  /** The record's text including its CRLF terminator. */
  readonly line: string;
  /** OR of the fields' TEXT_FLAWS flags. */
  readonly flags: number;
}

/** One CSV record from its fields. */
export function csvRecord(fields: readonly string[], quoteAll: boolean): CsvRecord {
  let flags = 0;
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const f = fieldFlags(field);
    flags |= f;
    const escaped = f & 2 ? field.replace(/"/g, '""') : field;
    const quoted = quoteAll || (f & 7) !== 0 ? `"${escaped}"` : escaped;
    line = i === 0 ? quoted : `${line},${quoted}`;
  }
  return { line: `${line}\r\n`, flags };
}
