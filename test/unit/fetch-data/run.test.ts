import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchData, type Fetch } from '../../../scripts/fetch-data/run';
import { DEFAULT_SOURCES, parseSources, type Source } from '../../../scripts/fetch-data/sources';
import { CSV_311, CSV_ACCIDENTS, neighborhoods, zipOf } from './fixtures';

type Route = Uint8Array | string | number | (() => Uint8Array | string | number);

/** A fetch that serves `routes` (bytes, text, an HTTP status) and fails like Node offline otherwise. */
function stubFetch(routes: Record<string, Route>, calls: string[] = []): Fetch {
  return async (url) => {
    calls.push(url);
    const r = routes[url];
    if (r === undefined) throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(url).host}`), { code: 'ENOTFOUND' }) });
    const v = typeof r === 'function' ? r() : r;
    if (typeof v === 'number') return new Response('nope', { status: v, statusText: 'Not Found' });
    return new Response(v as BodyInit);
  };
}

const SOURCES: Source[] = [
  { id: 'z311', label: '311 zip', file: 'a_311.csv.zip', dataset: 'service_requests', attempts: [{ url: 'https://x.test/311.csv.zip', kind: 'zip' }] },
  {
    id: 'acc',
    label: 'accidents',
    file: 'b_accidents.csv.zip',
    dataset: 'traffic_accidents',
    attempts: [
      { url: 'https://hub.test/download?redirect=false', kind: 'hub-csv' },
      { url: 'https://old.test/traffic_accidents.csv', kind: 'csv' },
    ],
  },
  { id: 'nbhd', label: 'neighborhoods', file: 'n.geojson', attempts: [{ url: 'https://gis.test/n.geojson', kind: 'geojson' }] },
];

describe('fetch-data/run', () => {
  let out: string;
  beforeEach(() => {
    out = join(mkdtempSync(join(tmpdir(), 'fetch-test-')), 'real');
  });
  afterEach(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('downloads, checks and places every file, polling a hub export job', async () => {
    let polls = 0;
    const report = await fetchData({
      sources: SOURCES,
      outDir: out,
      pollMs: 0,
      fetch: stubFetch({
        'https://x.test/311.csv.zip': zipOf('311_service_requests.csv', CSV_311),
        'https://hub.test/download?redirect=false': () => JSON.stringify(++polls < 3 ? { status: 'Pending' } : { status: 'Completed', resultUrl: 'https://cdn.test/export.csv' }),
        'https://cdn.test/export.csv': CSV_ACCIDENTS,
        'https://gis.test/n.geojson': neighborhoods(),
      }),
    });
    expect(report.failed).toEqual([]);
    expect(polls).toBe(3);
    expect(readdirSync(out).sort()).toEqual(['a_311.csv.zip', 'b_accidents.csv.zip', 'fetch-manifest.json', 'n.geojson']);
    // A plain CSV is stored zipped, under the output name without .zip.
    expect(unzipSync(readFileSync(join(out, 'b_accidents.csv.zip')))['b_accidents.csv']).toEqual(CSV_ACCIDENTS);
    const manifest = JSON.parse(readFileSync(join(out, 'fetch-manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { id: string }) => f.id)).toEqual(['z311', 'acc', 'nbhd']);
    expect(manifest.files[1]).toMatchObject({ url: 'https://hub.test/download?redirect=false', detail: { dataset: 'traffic_accidents', rows: 1 } });
  });

  it('falls back to the next attempt when one fails its integrity check', async () => {
    const report = await fetchData({
      sources: [SOURCES[1]],
      outDir: out,
      fetch: stubFetch({ 'https://hub.test/download?redirect=false': CSV_311, 'https://old.test/traffic_accidents.csv': CSV_ACCIDENTS }),
    });
    expect(report.fetched.map((f) => f.url)).toEqual(['https://old.test/traffic_accidents.csv']);
  });

  it('offline: fails clearly and changes nothing', async () => {
    const calls: string[] = [];
    const report = await fetchData({ sources: SOURCES, outDir: out, fetch: stubFetch({}, calls) });
    expect(report.offline).toBe(true);
    expect(report.fetched).toEqual([]);
    expect(report.failed.map((f) => [f.id, f.kind])).toEqual([['z311', 'network'], ['acc', 'network'], ['nbhd', 'network']]);
    expect(report.failed[0].message).toMatch(/cannot reach x\.test \(ENOTFOUND\)/);
    expect(calls).toHaveLength(4);
    expect(existsSync(out)).toBe(false);
  });

  it('places nothing from a corrupt download, and keeps the files that passed', async () => {
    const truncated = zipOf('311_service_requests.csv', CSV_311).subarray(0, 150);
    const report = await fetchData({
      sources: SOURCES,
      outDir: out,
      fetch: stubFetch({
        'https://x.test/311.csv.zip': truncated,
        'https://hub.test/download?redirect=false': 404,
        'https://old.test/traffic_accidents.csv': 503,
        'https://gis.test/n.geojson': neighborhoods(),
      }),
    });
    expect(report.offline).toBe(false);
    expect(report.failed.map((f) => [f.id, f.kind])).toEqual([['z311', 'integrity'], ['acc', 'http']]);
    expect(report.failed[1].message).toMatch(/HTTP 404.*HTTP 503/);
    expect(readdirSync(out).sort()).toEqual(['fetch-manifest.json', 'n.geojson']);
  });

  it('reports a failed hub export job', async () => {
    const report = await fetchData({
      sources: [{ ...SOURCES[1], attempts: [SOURCES[1].attempts[0]] }],
      outDir: out,
      fetch: stubFetch({ 'https://hub.test/download?redirect=false': JSON.stringify({ status: 'Failed' }) }),
    });
    expect(report.failed[0].message).toMatch(/export job failed/);
  });

  it('default sources name the original zips, the city downloads and the neighborhoods', () => {
    const urls = DEFAULT_SOURCES.flatMap((s) => s.attempts.map((a) => a.url));
    expect(urls).toContain('https://s3.amazonaws.com/ibotta-data-engineer-test/311_service_requests.csv.zip');
    expect(urls).toContain('https://s3.amazonaws.com/ibotta-data-engineer-test/traffic_accidents.csv.zip');
    expect(DEFAULT_SOURCES.map((s) => s.id)).toEqual(expect.arrayContaining(['denver-311-2025', 'denver-accidents', 'neighborhoods']));
    expect(parseSources(JSON.stringify(DEFAULT_SOURCES))).toEqual(DEFAULT_SOURCES);
    expect(() => parseSources(JSON.stringify([{ id: 'x', file: '../evil', attempts: [{ url: 'https://a', kind: 'zip' }] }]))).toThrow(/plain file name/);
    expect(() => parseSources('{}')).toThrow(/JSON array/);
  });
});
