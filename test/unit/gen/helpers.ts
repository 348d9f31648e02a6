/** Shared helpers for the generator tests: run it in memory, unzip, decode, parse. */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { DEFAULT_OPTIONS, generate, memoryTarget, type GenerateOptions, type Manifest } from '../../../src/gen/index';

export interface Generated {
  readonly manifest: Manifest;
  readonly files: Map<string, Uint8Array>;
}

export async function run(overrides: Partial<GenerateOptions>): Promise<Generated> {
  const target = memoryTarget();
  const manifest = await generate({ ...DEFAULT_OPTIONS, ...overrides }, target);
  return { manifest, files: target.files };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The single entry of a zip, checking it is the only one and has the expected name. */
export function entryBytes(zip: Uint8Array, name: string): Uint8Array {
  const entries = unzipSync(zip);
  const names = Object.keys(entries);
  if (names.length !== 1 || names[0] !== name) throw new Error(`unexpected zip entries: ${names.join(', ')}`);
  return entries[name];
}

// Windows-1252 bytes 0x80–0x9F (U+FFFD where the code page has no character). Node 20's
// TextDecoder('windows-1252') decodes these as C1 controls, so the tests carry their own table.
const CP1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

export function decode(bytes: Uint8Array, encoding: string): string {
  return encoding === 'cp1252' ? decodeCp1252(bytes) : new TextDecoder('utf-8').decode(bytes);
}

/** Header and data rows, parsed by papaparse (independent of the generator's writer). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  if (result.errors.length > 0) throw new Error(`csv errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
  const [header, ...rows] = result.data;
  return { header, rows };
}

/** Parsed CSV of one dataset of a run. */
export function datasetCsv(g: Generated, dataset: 'service_requests' | 'traffic_accidents'): { header: string[]; rows: string[][]; bytes: Uint8Array } {
  const file = g.manifest.files.find((f) => f.dataset === dataset);
  if (!file) throw new Error(`no ${dataset} in manifest`);
  const bytes = entryBytes(g.files.get(file.file) as Uint8Array, file.entry);
  return { ...parseCsv(decode(bytes, file.encoding)), bytes };
}

/** Column accessor by header name. */
export function column(header: readonly string[], name: string): (row: readonly string[]) => string {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return (row) => row[i];
}

/** Coordinate state as an independent reader classifies it. */
export function coordState(lon: string, lat: string): string {
  if (lon === '' && lat === '') return 'coord_blank';
  if (lon === '0' && lat === '0') return 'coord_zero';
  if (lon === lat) return 'lon_eq_lat';
  const x = Number(lon);
  const y = Number(lat);
  const inLon = (v: number): boolean => v >= -105.11 && v <= -104.6;
  const inLat = (v: number): boolean => v >= 39.6 && v <= 39.92;
  if (inLat(x) && inLon(y)) return 'swapped_lon_lat';
  if (!inLon(x) || !inLat(y)) return 'out_of_city';
  return 'ok';
}

/** Text flaws of a row, as an independent reader sees them. */
export function textFlaws(row: readonly string[]): string[] {
  const flaws = new Set<string>();
  for (const f of row) {
    if (f.includes(',')) flaws.add('field_with_comma');
    if (f.includes('"')) flaws.add('field_with_quote');
    if (/[\r\n]/.test(f)) flaws.add('field_with_line_break');
    if (/[^\x00-\x7f]/.test(f)) flaws.add('non_ascii_text');
    if (f.length > 0 && f.trim() === '') flaws.add('two_space_placeholder');
    else if (f !== f.trim()) flaws.add('padded_text');
  }
  return [...flaws];
}

export function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
