/**
 * Splits decoded CSV text, arriving in arbitrary chunks, into records of fields, with the
 * physical line number each record starts on. Uses papaparse's synchronous Parser (never its
 * worker mode) and carries the unfinished last record over to the next chunk.
 */
import Papa from 'papaparse';
import { IngestError } from './protocol';

/** Longest record we accept before deciding the file has an unclosed quote or is not CSV. */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

export type RecordSink = (fields: string[], line: number) => void;

export class CsvRecords {
  private carry = '';
  private parser: { parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]> } | null = null;
  private nextLine: number;
  private newline: '\n' | '\r\n' | undefined;
  /** Blank lines skipped (not records). */
  blankLines = 0;

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
      this.parser = new (Papa as any).Parser({ delimiter: ',', newline: this.newline, quoteChar: '"' });
    }
    const result = this.parser!.parse(input, 0, true);
    this.emit(result.data, input.slice(0, result.meta.cursor));
    this.carry = input.slice(result.meta.cursor);
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
    this.parser ??= new (Papa as any).Parser({ delimiter: ',', newline: this.newline ?? '\n', quoteChar: '"' });
    const rest = this.carry;
    this.carry = '';
    const result = this.parser!.parse(rest, 0, false);
    this.emit(result.data, rest);
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
