import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/ingest/protocol';
import { CsvExtractor } from '../../../src/ingest/unzip';

function extract(bytes: Uint8Array, entry?: string, chunk = 1000): string {
  const parts: Uint8Array[] = [];
  const x = new CsvExtractor((b) => parts.push(b.slice()), entry);
  for (let i = 0; i < bytes.length; i += chunk) x.push(bytes.subarray(i, i + chunk), false);
  x.push(new Uint8Array(0), true);
  return new TextDecoder().decode(Buffer.concat(parts));
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof IngestError ? `${e.code}: ${e.message}` : String(e);
  }
  return 'no error';
}

const csv = 'a,b\n' + '1,2\n'.repeat(5000);

describe('ingest/unzip', () => {
  it('passes a plain CSV through', () => {
    expect(extract(strToU8(csv))).toBe(csv);
  });
  it('inflates the CSV entry of a zip in chunks', () => {
    expect(extract(zipSync({ 'data.csv': strToU8(csv) }), undefined, 333)).toBe(csv);
  });
  it('refuses a zip with several CSVs, naming them, and loads the chosen one', () => {
    const zip = zipSync({ 'a.csv': strToU8('x\n1\n'), 'b.csv': strToU8(csv) });
    expect(codeOf(() => extract(zip))).toMatch(/^zip-several-csv: .*a\.csv, b\.csv/);
    expect(extract(zip, 'b.csv')).toBe(csv);
  });
  it('refuses a zip without a CSV', () => {
    expect(codeOf(() => extract(zipSync({ 'readme.md': strToU8('hi') })))).toMatch(/^zip-no-csv: .*readme\.md/);
  });
  it('refuses a truncated zip', () => {
    const zip = zipSync({ 'data.csv': strToU8(csv + 'x'.repeat(100_000)) }, { level: 0 });
    expect(codeOf(() => extract(zip.subarray(0, Math.floor(zip.length / 2))))).toMatch(/^zip-corrupt: .*truncated/);
  });
});
