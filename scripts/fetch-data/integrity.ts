/**
 * Integrity checks for downloaded files, run before anything is placed where the build serves
 * it: a zip must be complete (end-of-central-directory record present), its CSV entry must
 * inflate to the recorded size and CRC-32, and the CSV's header must be one the app recognises
 * (the app's own header detection). GeoJSON must hold the city's neighborhood polygons.
 */
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Dataset } from '../../src/domain/columns';
import { detectHeader } from '../../src/ingest/detect';

/** A file that failed its check; the message says what is wrong in words. */
export class IntegrityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IntegrityError';
  }
}

export interface CsvReport {
  dataset: Dataset;
  variant: string;
  columns: number;
  /** Data rows, counted as line breaks outside quotes (a quoted field may hold line breaks). */
  rows: number;
}

export interface ZipReport extends CsvReport {
  entry: string;
  csvBytes: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE), as zip files record it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface CentralEntry {
  name: string;
  crc: number;
  size: number;
}

/** Reads the central directory (the zip's table of contents, stored at its end). */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new IntegrityError('the zip is truncated or not a zip: its end-of-central-directory record is missing');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) throw new IntegrityError('the zip’s central directory is damaged');
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      crc: view.getUint32(at + 16, true),
      size: view.getUint32(at + 24, true),
    });
    at += 46 + skip;
  }
  return entries;
}

const isCsvName = (name: string) => /\.(csv|txt)$/i.test(name) && !/(^|\/)(__MACOSX|\.)/.test(name);

/** Checks a zip holding one CSV: complete, inflates to its recorded size and CRC, known header. */
export function checkZip(zip: Uint8Array, expected?: Dataset): ZipReport {
  if (zip.length < 22 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw new IntegrityError(`not a zip file (${describeStart(zip)})`);
  const csvs = centralDirectory(zip).filter((e) => isCsvName(e.name));
  if (csvs.length === 0) throw new IntegrityError('the zip holds no CSV file');
  if (csvs.length > 1) throw new IntegrityError(`the zip holds several CSV files (${csvs.map((e) => e.name).join(', ')})`);
  const [entry] = csvs;
  let data: Uint8Array | undefined;
  try {
    data = unzipSync(zip, { filter: (f) => f.name === entry.name })[entry.name];
  } catch (cause) {
    throw new IntegrityError(`${entry.name} does not inflate: ${(cause as Error).message}`, { cause });
  }
  if (!data) throw new IntegrityError(`${entry.name} is listed but missing from the zip`);
  if (entry.size !== 0xffffffff && data.length !== entry.size) {
    throw new IntegrityError(`${entry.name} inflates to ${data.length} bytes, the zip says ${entry.size}`);
  }
  const crc = crc32(data);
  if (crc !== entry.crc) throw new IntegrityError(`${entry.name} is corrupt: CRC-32 ${hex(crc)}, the zip says ${hex(entry.crc)}`);
  return { entry: entry.name, csvBytes: data.length, ...checkCsv(data, expected) };
}

/** Checks a CSV's header with the app's detection and that it has data rows. */
export function checkCsv(bytes: Uint8Array, expected?: Dataset): CsvReport {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256 * 1024)).replace(/^\u00ef\u00bb\u00bf/, '');
  if (/^\s*(<|\{)/.test(head)) throw new IntegrityError(`not a CSV file (${describeStart(bytes)})`);
  const first = Papa.parse<string[]>(head, { preview: 1, delimiter: ',' }).data[0] ?? [];
  let mapping;
  try {
    mapping = detectHeader(first);
  } catch (cause) {
    throw new IntegrityError(`the header is not a 311 or traffic-accident header: ${(cause as Error).message}`, { cause });
  }
  if (expected && mapping.dataset !== expected) throw new IntegrityError(`expected ${expected}, the header says ${mapping.dataset}`);
  const rows = countRecords(bytes) - 1;
  if (rows < 1) throw new IntegrityError('the CSV has a header but no rows');
  return { dataset: mapping.dataset, variant: mapping.variant, columns: mapping.fieldCount, rows };
}

/** Counts records: line breaks outside double quotes, plus a last line without one. */
function countRecords(bytes: Uint8Array): number {
  let quoted = false;
  let records = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) records++;
  }
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? records + 1 : records;
}

export interface GeojsonReport {
  features: number;
}

/** Checks the statistical-neighborhood polygons: a FeatureCollection of ~78 named polygons. */
export function checkGeojson(bytes: Uint8Array): GeojsonReport {
  let doc: any;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new IntegrityError(`not JSON (${describeStart(bytes)})`, { cause });
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new IntegrityError(doc?.error ? `the server answered with an error: ${JSON.stringify(doc.error).slice(0, 200)}` : 'not a GeoJSON FeatureCollection');
  }
  const features = doc.features as any[];
  if (features.length < 70 || features.length > 90) throw new IntegrityError(`expected Denver’s 78 statistical neighborhoods, got ${features.length} features`);
  for (const f of features) {
    if (!/^(Multi)?Polygon$/.test(f?.geometry?.type ?? '')) throw new IntegrityError('a neighborhood feature has no polygon geometry');
    const props = Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (typeof props.nbhd_name !== 'string' || props.nbhd_name === '') throw new IntegrityError('a neighborhood feature has no NBHD_NAME');
  }
  return { features: features.length };
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** The first bytes of a file as text, for messages ("<html>…", "<Error><Code>AccessDenied…"). */
function describeStart(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 80)).replace(/\s+/g, ' ').trim();
  return bytes.length === 0 ? 'it is empty' : `it starts with ${JSON.stringify(text)}`;
}
