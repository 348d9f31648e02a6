import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { CsvRecords } from '../../../src/ingest/csv-records';
import { ParsePool, type ParserWorker, type PoolOutput } from '../../../src/ingest/parse-pool';
import { parserHost } from '../../../src/ingest/parser-host';
import type { FromParser, ToParser } from '../../../src/ingest/protocol';
import { toCsvLine } from '../../../src/ingest/piece-parser';
import { RecordSplitter } from '../../../src/ingest/record-split';
import { SR_CLASSIC } from './fixtures/headers';
import { srRecord } from './fixtures/rows';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A 311 file: header, good records, a short record and a record with a bad event time. */
function csv(): { text: string; good: number } {
  const lines = [SR_CLASSIC.join(',')];
  for (let i = 0; i < 250; i++) lines.push(toCsvLine(srRecord({ 'Case Summary': `case ${i}, "quoted"\nsecond line`, 'Case Created dttm': `10/14/2019 ${(i % 12) + 1}:00:00 AM` })));
  lines.push('too,short');
  lines.push(toCsvLine(srRecord({ 'Case Created dttm': 'yesterday', 'Case Created Date': 'soon' })));
  lines.push('');
  return { text: lines.join('\r\n') + '\r\n', good: 250 };
}

describe('ingest/parse-pool (in this thread)', () => {
  it('parses pieces into batches and rejects with the right lines, whatever the piece size', async () => {
    const { text, good } = csv();
    for (const target of [50, 4096, 1 << 20]) {
      const outputs: PoolOutput[] = [];
      const splitter = new RecordSplitter(target, 1 << 20, () => {
        throw new Error('too long');
      });
      splitter.append(enc(text));
      const header = splitter.takeRecord()!;
      expect(dec(header.bytes)).toBe(SR_CLASSIC.join(',') + '\r\n');
      const pool = new ParsePool({ header: SR_CLASSIC, newline: '\r\n', batchRows: 100 }, 0, (o) => outputs.push(o));
      for (const p of splitter.push(new Uint8Array(0))) await pool.submit(p, 'utf-8');
      const last = splitter.end();
      if (last) await pool.submit(last, 'utf-8');
      const stats = await pool.finish();
      expect(stats.accepted).toBe(good);
      expect(pool.totals).toEqual({ rows: good + 2, rejected: 2, blankLines: 1, invalidBytes: 0, firstInvalidAt: null });
      const batches = outputs.filter((o) => o.type === 'batch').map((o) => tableFromIPC(o.ipc));
      expect(batches.reduce((n, t) => n + t.numRows, 0)).toBe(good);
      // Every record spans two physical lines: record k (0-based) starts on line 2 + 2k.
      const lines = batches.flatMap((t) => Array.from(t.getChild('source_line')!.toArray() as Float64Array));
      expect(lines.sort((a, b) => a - b)).toEqual(Array.from({ length: good }, (_, k) => 2 + 2 * k));
      const rejects = outputs.filter((o) => o.type === 'rejects').flatMap((o) => tableFromIPC(o.ipc).toArray().map((r) => r.toJSON()));
      expect(rejects.map((r) => r.line)).toEqual([502, 503]);
      expect(String(rejects[0].reason)).toMatch(/expected 24 fields, found 2/);
    }
  });
});

/** A parse worker run in this thread: it answers each message in turn, `delayMs` after the previous one. */
class StandIn implements ParserWorker {
  onmessage: ParserWorker['onmessage'] = null;
  onerror: ParserWorker['onerror'] = null;
  private turn = Promise.resolve();
  private readonly handle = parserHost((msg: FromParser) => this.onmessage?.call(this as unknown as Worker, { data: msg } as MessageEvent));

  constructor(private readonly delayMs: number) {}

  postMessage(msg: ToParser): void {
    this.turn = this.turn.then(() => new Promise((r) => setTimeout(r, this.delayMs))).then(() => this.handle(msg));
  }

  terminate(): void {}
}

describe('ingest/parse-pool (workers)', () => {
  it('stages the rows in file order, in batches of at least batchRows, though the workers finish their runs out of order', async () => {
    const { text, good } = csv();
    const outputs: PoolOutput[] = [];
    const splitter = new RecordSplitter(300, 1 << 20, () => {
      throw new Error('too long');
    });
    const bytes = enc(text);
    const header = SR_CLASSIC.join(',').length + 2;
    splitter.append(bytes.subarray(0, header));
    expect(splitter.takeRecord()).not.toBeNull();
    // The first worker is slow: the second one's pieces come back ahead of earlier ones.
    const pool = new ParsePool({ header: SR_CLASSIC, newline: '\r\n', batchRows: 40 }, 2, (o) => outputs.push(o), (i) => new StandIn(i === 0 ? 4 : 0));
    const pieces = [];
    for (let at = header; at < bytes.length; at += 200) pieces.push(...splitter.push(bytes.subarray(at, at + 200)));
    const last = splitter.end();
    if (last) pieces.push(last);
    expect(pieces.length).toBeGreaterThan(20);
    for (const p of pieces) await pool.submit(p, 'utf-8');
    const stats = await pool.finish();
    expect(stats.accepted).toBe(good);
    expect(pool.totals).toMatchObject({ rows: good + 2, rejected: 2, blankLines: 1 });
    const batches = outputs.filter((o) => o.type === 'batch').map((o) => tableFromIPC(o.ipc));
    const lines = batches.flatMap((t) => Array.from(t.getChild('source_line')!.toArray() as Float64Array));
    expect(lines).toEqual(Array.from({ length: good }, (_, k) => 2 + 2 * k));
    expect(batches.slice(0, -1).every((t) => t.numRows >= 40)).toBe(true);
    expect(batches.length).toBeGreaterThan(3);
    // A staged batch joins the batches of several runs, values intact.
    expect(batches[0].batches.length).toBeGreaterThan(1);
    expect(String(batches[0].get(3)!.case_summary)).toBe('case 3, "quoted"\nsecond line');
    const rejects = outputs.filter((o) => o.type === 'rejects').flatMap((o) => tableFromIPC(o.ipc).toArray().map((r) => r.toJSON()));
    expect(rejects.map((r) => r.line).sort()).toEqual([502, 503]);
  });
});

describe('ingest/parse-pool: line endings', () => {
  /** 120 records, each with a line break inside its quoted summary. */
  const ROWS = Array.from({ length: 120 }, (_, i) => toCsvLine(srRecord({ 'Case Summary': `case ${i}\nsecond line`, Neighborhood: 'Baker' })));

  /** Splits, reads the header as the pipeline does (its line ending goes to the parsers), parses. */
  async function parse(text: string, target: number): Promise<{ accepted: number; rejected: number; neighborhoods: Set<unknown> }> {
    const splitter = new RecordSplitter(target, 1 << 20, () => {
      throw new Error('too long');
    });
    splitter.append(enc(text));
    const head = splitter.takeRecord()!;
    let fields: string[] | undefined;
    const header = new CsvRecords((f) => (fields ??= f), { firstLine: head.firstLine });
    header.push(dec(head.bytes));
    header.end();
    expect(fields).toEqual(SR_CLASSIC);
    const outputs: PoolOutput[] = [];
    const pool = new ParsePool({ header: fields!, newline: header.lineEnding ?? '\n', batchRows: 1000 }, 0, (o) => outputs.push(o));
    for (const p of splitter.push(new Uint8Array(0))) await pool.submit(p, 'utf-8');
    const last = splitter.end();
    if (last) await pool.submit(last, 'utf-8');
    const stats = await pool.finish();
    const batches = outputs.filter((o) => o.type === 'batch').map((o) => tableFromIPC(o.ipc));
    const neighborhoods = new Set(batches.flatMap((t) => t.getChild('neighborhood')!.toArray() as unknown[]));
    return { accepted: stats.accepted, rejected: pool.totals.rejected, neighborhoods };
  }

  // Regression: a header line ending in CRLF over rows ending in LF was read as one record.
  it.each([
    ['CRLF header, LF rows', '\r\n', '\n'],
    ['LF header, CRLF rows', '\n', '\r\n'],
    ['CRLF throughout', '\r\n', '\r\n'],
    ['LF throughout', '\n', '\n'],
  ] as const)('%s: every record, whole, with or without a final newline, whatever the piece size', async (_name, head, rows) => {
    for (const final of ['', rows]) {
      for (const target of [100, 4096, 1 << 20]) {
        const text = SR_CLASSIC.join(',') + head + ROWS.join(rows) + final;
        const got = await parse(text, target);
        expect({ ...got, final, target }).toEqual({ accepted: ROWS.length, rejected: 0, neighborhoods: new Set(['Baker']), final, target });
      }
    }
  });
});
