/**
 * A small seeded store for report tests: ~4,000 311 requests over 2022–2023 and ~2,500
 * accidents over Mar 2022–Dec 2023 in a dozen neighborhoods, with the flaws reports must
 * handle (missing types and coordinates, closed-at-creation, closed-before-created, open
 * cases, a quote in a type name), and the rollups recomputed from the tables.
 */
import { migrationSql } from '../../../src/db/schema';
import { rebuildDerivedSql } from '../../../src/db/rollups';
import { NEIGHBORHOODS } from '../../../src/domain/neighborhoods';
import { emptyFilters, mergeFilters, type Filters } from '../../../src/reports/filters';
import { literal } from '../../../src/sql/quote';
import { openTestDb, type TestDb } from '../helpers/duckdb';

/** mulberry32: deterministic uniform [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth; fine for small means). */
export function poisson(rand: () => number, mu: number): number {
  const l = Math.exp(-mu);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

export const SR_TYPES = ['Pothole', 'Graffiti', 'Snow Removal', 'Noise', "Dog's Barking", 'Street Light Out', 'Trash', null] as const;
export const SOURCES = ['Phone', 'Web', 'Mobile App', 'Email', null] as const;
export const AGENCIES = ['Transportation & Infrastructure', 'Public Health & Environment', 'Parks & Recreation'] as const;
export const ACC_TYPES = ['traffic-accident', 'traffic-accident-hit-and-run', 'traffic-accident-dui-duid'] as const;
export const HOODS = NEIGHBORHOODS.slice(0, 12);

const noFilters = emptyFilters();
/** Date ranges against the fixture's months: none, open-ended mid-month, within a month, whole months. */
export const DATE_FILTERS: readonly [string, Filters][] = [
  ['none', noFilters],
  ['from mid-month', mergeFilters(noFilters, { from: '2022-06-17' })],
  ['to mid-month', mergeFilters(noFilters, { to: '2023-02-11' })],
  ['within one month', mergeFilters(noFilters, { from: '2022-06-03', to: '2022-06-20' })],
  ['whole months', mergeFilters(noFilters, { from: '2022-06-01', to: '2023-03-31' })],
];

const ts = (ms: number) => literal(new Date(ms));
const pick = <T>(rand: () => number, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const hoodFor = (rand: () => number) => HOODS[Math.min(HOODS.length - 1, Math.floor(HOODS.length * rand() ** 1.6))];

function serviceRequests(): string[] {
  const rand = rng(311);
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2024, 0, 1) - start;
  const rows: string[] = [];
  for (let i = 0; i < 4000; i++) {
    let created = start + Math.floor(rand() * span / 1000) * 1000;
    let type = pick(rand, SR_TYPES);
    const month = new Date(created).getUTCMonth();
    if (type === 'Snow Removal' && month >= 3 && month <= 9) type = 'Pothole';
    if (i % 97 === 0) created = start + 5 * 86_400_000; // a burst on one day
    const u = rand();
    const closed =
      u < 0.1 ? created : u < 0.25 ? null : u < 0.26 ? created - 3_600_000 : created + Math.round(-Math.log(rand()) * 40 * 3_600_000);
    const hood = rand() < 0.05 ? null : hoodFor(rand);
    const hasXY = hood && rand() < 0.4;
    const lon = hasXY ? hood.lon + (rand() - 0.5) * 0.01 : null;
    const lat = hasXY ? hood.lat + (rand() - 0.5) * 0.01 : null;
    rows.push(
      `(${literal(`sr-${i}`)}, ${literal(closed === null ? 'Open' : 'Closed')}, ${literal(pick(rand, SOURCES))}, ${ts(created)}, ` +
        `${closed === null ? 'NULL' : ts(closed)}, ${literal(lon)}, ${literal(lat)}, ${literal(pick(rand, AGENCIES))}, ${literal(type)}, ` +
        `${literal(hood?.name ?? null)}, ${literal(hood?.slug ?? null)})`,
    );
  }
  return rows;
}

function accidents(): string[] {
  const rand = rng(2014);
  const start = Date.UTC(2022, 2, 1);
  const rows: string[] = [];
  let id = 0;
  for (let d = 0; d < 671; d++) {
    for (const hood of HOODS) {
      const weekend = [0, 6].includes(new Date(start + d * 86_400_000).getUTCDay());
      const mu = (0.25 + 0.06 * HOODS.indexOf(hood)) * (weekend ? 0.6 : 1.1);
      const k = poisson(rand, mu);
      for (let j = 0; j < k; j++) {
        const at = start + d * 86_400_000 + Math.floor(rand() * 86_400) * 1000;
        const hasXY = rand() < 0.9;
        rows.push(
          `(${literal(`acc-${id++}`)}, ${literal(pick(rand, ACC_TYPES))}, ${ts(at)}, ` +
            `${literal(hasXY ? hood.lon + (rand() - 0.5) * 0.01 : null)}, ${literal(hasXY ? hood.lat + (rand() - 0.5) * 0.01 : null)}, ` +
            `${literal(hood.name)}, ${literal(hood.slug)})`,
        );
      }
    }
  }
  // one accident with valid coordinates outside the map's extent
  rows.push(`('acc-far', 'traffic-accident', TIMESTAMP '2023-06-01 12:00:00', -105.3, 40.1, 'CBD', 'cbd')`);
  return rows;
}

/** SQL that recomputes every rollup and the open requests from the tables (what the ingest maintains incrementally). */
export const ROLLUPS_SQL = rebuildDerivedSql().join(';\n');

function insertChunks(db: TestDb, head: string, rows: string[]): void {
  for (let i = 0; i < rows.length; i += 500) db.exec(`${head} VALUES ${rows.slice(i, i + 500).join(',\n')}`);
}

/** A fresh fixture store. */
export async function openFixtureDb(): Promise<TestDb> {
  const db = await openTestDb();
  for (const stmt of migrationSql(0)) db.exec(stmt);
  insertChunks(
    db,
    'INSERT INTO service_requests (row_key, case_status, case_source, created_at, closed_at, longitude, latitude, agency, type, neighborhood, neighborhood_slug)',
    serviceRequests(),
  );
  insertChunks(
    db,
    'INSERT INTO traffic_accidents (row_key, offense_type_id, first_occurrence_at, longitude, latitude, neighborhood, neighborhood_slug)',
    accidents(),
  );
  db.exec(ROLLUPS_SQL);
  return db;
}

/** An empty store (schema only). */
export async function openEmptyDb(): Promise<TestDb> {
  const db = await openTestDb();
  for (const stmt of migrationSql(0)) db.exec(stmt);
  return db;
}

const SQUARE = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [[[lon - 0.01, lat - 0.01], [lon + 0.01, lat - 0.01], [lon + 0.01, lat + 0.01], [lon - 0.01, lat + 0.01], [lon - 0.01, lat - 0.01]]],
});
/** Boundaries for six fixture neighborhoods (small squares) and one that matches none. */
export const TINY_GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    ...HOODS.slice(0, 6).map((n) => ({ type: 'Feature', properties: { NBHD_ID: n.id, NBHD_NAME: n.name }, geometry: SQUARE(n.lon, n.lat) })),
    { type: 'Feature', properties: { NBHD_NAME: 'Atlantis' }, geometry: SQUARE(-104.9, 39.7) },
  ],
});
