/**
 * Parses pieces of one CSV file (whole records, see RecordSplitter) into normalized Arrow
 * batches and quarantined records. One PieceParser per parse worker; the pieces of a file may
 * be spread over several of them, since every record carries its own line number.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { BatchBuilder, type BatchStats } from './batch-builder';
import { CsvRecords } from './csv-records';
import { detectHeader } from './detect';
import { decodePiece, type DecodeCounts, type DecodeMode } from './decode';
import { firstRecordEnd, type BytePiece, type Piece } from './record-split';

/** Raw text kept for a rejected record. */
const MAX_RAW_CHARS = 64 * 1024;
/** Rejected records gathered before they are sent on as one Arrow batch. */
const REJECTS_PER_BATCH = 10_000;

/** Re-quotes fields as one CSV line, for showing a rejected record. */
export function toCsvLine(fields: readonly string[]): string {
  const line = fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
  return line.length > MAX_RAW_CHARS ? line.slice(0, MAX_RAW_CHARS) + '…' : line;
}

/**
 * The line ending of a piece's records, which may differ from the header's (a header line ending
 * in CRLF over rows ending in LF made papaparse read a whole piece as one record): the one the
 * piece ends with, since a piece ends right after a newline outside quotes (RecordSplitter);
 * for the file's last piece, which may not, that of its first record; else `fallback`. Never
 * that of a line break inside a quoted field, which may differ from the records' own.
 */
export function pieceNewline(text: string, fallback: '\n' | '\r\n'): '\n' | '\r\n' {
  const end = text.endsWith('\n') ? text.length - 1 : firstRecordEnd(text);
  if (end < 0) return fallback;
  return text[end - 1] === '\r' ? '\r\n' : '\n';
}

export interface ParserSetup {
  /** The file's header record, as parsed. */
  readonly header: string[];
  /** The header's line ending: used for a piece that does not end with one of its own. */
  readonly newline: '\n' | '\r\n';
  /** Rows per staged Arrow batch. */
  readonly batchRows: number;
}

/** What parsing one piece (or finishing) produced. */
export interface PieceOutput {
  /** Arrow IPC stream bytes of full batches (and, at finish, the last partial one). */
  readonly batches: Uint8Array[];
  /** Arrow IPC of rejected records (line, reason, raw), when enough gathered or at finish. */
  readonly rejects: { ipc: Uint8Array; rows: number }[];
  /** Records read in this piece, accepted or rejected (blank lines are not records). */
  readonly rows: number;
  readonly rejected: number;
  readonly blankLines: number;
}

export class PieceParser {
  private readonly builder: BatchBuilder;
  private readonly newline: '\n' | '\r\n';
  private readonly batchRows: number;
  private lines: number[] = [];
  private reasons: string[] = [];
  private raws: string[] = [];

  constructor(setup: ParserSetup) {
    this.builder = new BatchBuilder(detectHeader(setup.header));
    this.newline = setup.newline;
    this.batchRows = setup.batchRows;
  }

  /** Counters over every piece so far. */
  get stats(): BatchStats {
    return this.builder.stats;
  }

  parse(piece: Piece): PieceOutput {
    const builder = this.builder;
    const batches: Uint8Array[] = [];
    let rows = 0;
    let rejected = 0;
    const records = new CsvRecords(
      (fields, line) => {
        rows++;
        const reason = builder.add(fields, line);
        if (reason !== null) {
          rejected++;
          this.lines.push(line);
          this.reasons.push(reason);
          this.raws.push(toCsvLine(fields));
        }
        if (builder.length >= this.batchRows) batches.push(builder.flush());
      },
      { firstLine: piece.firstLine, newline: pieceNewline(piece.text, this.newline) },
    );
    records.push(piece.text);
    records.end();
    builder.stats.strayQuotes += records.lenientRecords;
    const rejects = this.lines.length >= REJECTS_PER_BATCH ? [this.takeRejects()] : [];
    return { batches, rejects, rows, rejected, blankLines: records.blankLines };
  }

  /** Decodes a piece (in the encoding the file's sniffer decided), then parses it. */
  parseBytes(piece: BytePiece, mode: DecodeMode): PieceOutput & DecodeCounts {
    const { text, invalidBytes, firstInvalidAt } = decodePiece(piece.bytes, piece.offset, mode);
    return { ...this.parse({ text, firstLine: piece.firstLine }), invalidBytes, firstInvalidAt };
  }

  /** The rows accepted since the last batch, as one batch (none when there are none). */
  takeBatch(): Uint8Array[] {
    return this.builder.length ? [this.builder.flush()] : [];
  }

  /** The last partial batch and the rejects not yet sent. */
  finish(): PieceOutput {
    const rejects = this.lines.length ? [this.takeRejects()] : [];
    return { batches: this.takeBatch(), rejects, rows: 0, rejected: 0, blankLines: 0 };
  }

  private takeRejects(): { ipc: Uint8Array; rows: number } {
    const table = tableFromArrays({ line: Float64Array.from(this.lines), reason: this.reasons, raw: this.raws });
    const rows = this.lines.length;
    this.lines = [];
    this.reasons = [];
    this.raws = [];
    return { ipc: tableToIPC(table, 'stream'), rows };
  }
}
