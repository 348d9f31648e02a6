/**
 * Splits decoded CSV text, arriving in arbitrary chunks, into records of fields, with the
 * physical line number each record starts on. Uses papaparse's synchronous Parser (never its
 * worker mode) and carries the unfinished last record over to the next chunk.
 */
import Papa from 'papaparse';
import { readLenientRecord } from './lenient-record';
import { IngestError } from './protocol';

/** Longest record we accept before deciding the file has an unclosed quote or is not CSV. */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/**
 * Rows papaparse reads at once after a record with an unescaped quote; each window read without
 * one doubles the next (see parseRecords).
 */
const FIRST_WINDOW_ROWS = 32;

type PapaParser = { parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]> };

export type RecordSink = (fields: string[], line: number) => void;

export class CsvRecords {
  private carry = '';
  private parser: PapaParser | null = null;
  private nextLine: number;
  private newline: '\n' | '\r\n' | undefined;
  /** Blank lines skipped (not records). */
  blankLines = 0;
  /** Records with unescaped quotes inside a quoted field, read leniently (see lenient-record). */
  lenientRecords = 0;

  /**
   * @param options.firstLine line number of the first line given (a piece of a file: see
   * RecordSplitter); options.newline the file's line ending, when known (else detected)
   */
  constructor(
    private readonly sink: RecordSink,
    options: { firstLine?: number; newline?: '\n' | '\r\n' } = {},
  ) {
    this.nextLine = options.firstLine ?? 1;
    this.newline = options.newline;
  }

  /** The line ending in use: known once a first line was read. */
  get lineEnding(): '\n' | '\r\n' | undefined {
    return this.newline;
  }

  /** Parses every complete record in carry + text. */
  push(text: string): void {
    const input = this.carry + text;
    if (!this.parser) {
      if (!this.newline && !/\r?\n/.test(input) && input.length < MAX_RECORD_CHARS) {
        this.carry = input;
        return;
      }
      this.newline ??= /\r\n/.test(input.slice(0, input.search(/\n/) + 1)) ? '\r\n' : '\n';
      this.parser = this.newParser();
    }
    this.carry = input.slice(this.parseRecords(input, false));
    if (this.carry.length > MAX_RECORD_CHARS) {
      throw new IngestError(
        'record-too-long',
        `Line ${this.nextLine} starts a record longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB: the file probably has an unclosed quote or is not CSV.`,
      );
    }
  }

  /** Parses what is left at the end of the file. */
  end(): void {
    if (this.carry === '') return;
    this.parser ??= this.newParser();
    const rest = this.carry;
    this.carry = '';
    this.parseRecords(rest, true);
  }

  /**
   * papaparse's synchronous parser; `preview` stops it after that many rows. Its fast mode (taken
   * for text without quotes) reports a wrong cursor with a preview, so a previewing parser is
   * never in fast mode.
   */
  private newParser(preview?: number): PapaParser {
    const config = { delimiter: ',', newline: this.newline ?? '\n', quoteChar: '"' };
    return new (Papa as any).Parser(preview ? { ...config, preview, fastMode: false } : config);
  }

  /**
   * Emits the records of `input` (all of them when `final`, else the complete ones) and returns
   * how much of it they took. papaparse reads a record with an unescaped quote inside a quoted
   * field on into the records after it; such a record is read again leniently on its own, and
   * papaparse goes on after it, from then on a growing window of rows at a time, so that a text
   * with many such records is not parsed again to its end after each one.
   */
  private parseRecords(input: string, final: boolean): number {
    let base = 0;
    let window = 0;
    for (;;) {
      const text = base === 0 ? input : input.slice(base);
      const result = (window ? this.newParser(window) : this.parser!).parse(text, 0, !final);
      const bad = result.errors.find((e) => e.code === 'InvalidQuotes');
      if (!bad) {
        const cursor = result.meta.cursor;
        this.emit(result.data, text.slice(0, cursor));
        if (!window || result.data.length < window || cursor >= text.length) return base + cursor;
        base += cursor;
        window *= 2;
        continue;
      }
      const row = bad.row ?? 0;
      const start = row === 0 ? 0 : this.newParser(row).parse(text, 0, false).meta.cursor;
      this.emit(result.data.slice(0, row), text.slice(0, start));
      const record = readLenientRecord(text, start, final);
      if (!record) return base + start;
      this.lenientRecords++;
      this.emit([record.fields], text.slice(start, record.end));
      if (record.end >= text.length) return input.length;
      base += record.end;
      window = FIRST_WINDOW_ROWS;
    }
  }

  private emit(rows: string[][], consumed: string): void {
    // Lines are sequential except where a quoted field holds newlines. Count the newlines the
    // consumed text has beyond one per record; only until those are found are fields searched.
    let newlines = 0;
    for (let i = consumed.indexOf('\n'); i !== -1; i = consumed.indexOf('\n', i + 1)) newlines++;
    let embedded = newlines - rows.length + (consumed.endsWith('\n') ? 0 : 1);
    for (const row of rows) {
      const line = this.nextLine;
      let span = 1;
      if (embedded > 0) {
        for (const f of row) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) span++;
        embedded -= span - 1;
      }
      this.nextLine += span;
      if (row.length === 1 && row[0].trim() === '') {
        this.blankLines++;
        continue;
      }
      this.sink(row, line);
    }
  }
}
