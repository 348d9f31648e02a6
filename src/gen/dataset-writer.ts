/**
 * Writes one dataset's CSV into its zip, a day at a time: format the day's records, count
 * records, distinct records and flaws, encode the day's text and stream it into the zip.
 * Identical lines can only occur within a day (every line carries its day's date), so
 * distinct records are counted with a per-day set.
 */
import { encodeCp1252 } from './cp1252';
import { csvRecord, TEXT_FLAWS, TEXT_FLAW_NAMES } from './csv';
import type { DatasetPlan } from './dataset-plan';
import { FlawCounter, type FileManifest } from './manifest';
import type { Encoding } from './options';
import { ZipEntryStream, type ByteSink } from './zip-stream';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const utf8 = new TextEncoder();
/** Text handed to the zip at a time (about 1 MB). */
const CHUNK_CHARS = 1 << 20;

export interface WriteWindow {
  readonly firstDay: number;
  readonly days: number;
  readonly encoding: Encoding;
  /** Stored as the zip entry's modification time. */
  readonly mtime: Date;
}

export async function writeDataset(plan: DatasetPlan, window: WriteWindow, sink: ByteSink): Promise<FileManifest> {
  const quoteAll = window.encoding === 'cp1252';
  const encode = (text: string): Uint8Array => (quoteAll ? encodeCp1252(text) : utf8.encode(text));
  const zip = new ZipEntryStream(sink, plan.entry, window.mtime);
  const flaws = new FlawCounter(['exact_duplicate', ...TEXT_FLAW_NAMES, ...plan.flawNames]);
  let csvBytes = 0;
  const push = async (bytes: Uint8Array): Promise<void> => {
    csvBytes += bytes.length;
    await zip.push(bytes);
  };
  if (window.encoding === 'utf8bom') await push(BOM);
  await push(encode(csvRecord(plan.header, quoteAll).line));
  let records = 0;
  let unique = 0;
  let lines: string[] = [];
  let pending = 0;
  const flush = async (): Promise<void> => {
    if (lines.length > 0) await push(encode(lines.join('')));
    lines = [];
    pending = 0;
  };
  for (let day = window.firstDay; day < window.firstDay + window.days; day++) {
    const seen = new Set<string>();
    for (const record of plan.records(day)) {
      const { line, flags } = csvRecord(record.fields, quoteAll);
      lines.push(line);
      pending += line.length;
      if (pending >= CHUNK_CHARS) await flush();
      records++;
      if (seen.has(line)) flaws.add('exact_duplicate');
      else {
        seen.add(line);
        unique++;
      }
      for (const name of record.flaws) flaws.add(name);
      if (flags !== 0) for (const name of TEXT_FLAW_NAMES) if (flags & TEXT_FLAWS[name]) flaws.add(name);
    }
  }
  await flush();
  const zipBytes = await zip.finish();
  return {
    dataset: plan.dataset,
    file: plan.file,
    entry: plan.entry,
    variant: plan.variant,
    encoding: window.encoding,
    header: plan.header,
    records,
    uniqueRecords: unique,
    exactDuplicates: records - unique,
    csvBytes,
    zipBytes,
    flaws: flaws.toJSON(),
  };
}
