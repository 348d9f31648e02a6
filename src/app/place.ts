/**
 * Places records without a neighborhood but with coordinates in the neighborhood whose stored
 * boundary holds them: the staged rows of each load (before the merge, so the rollups count them
 * where they belong), and the stored rows when boundaries are dropped.
 */
import type { Database } from '../db/duckdb';
import {
  applyPlacesSql,
  countPlacedSql,
  CURRENT_BOUNDARIES_SQL,
  PLACES_TABLE,
  placesTableSql,
  unplacedPointsSql,
} from '../db/place-sql';
import { rebuildDerivedSql } from '../db/rollups';
import { withSession } from '../db/store';
import { inTransaction, type Executor } from '../db/transaction';
import { Locator, type Place } from '../domain/locate';
import { DATASETS } from '../domain/columns';
import { boundaryAreas, checkBoundariesCached } from '../reports/boundaries';
import { ident } from '../sql/quote';

/** The stored boundaries as a Locator, or null when none are stored. */
export async function storedLocator(db: Executor): Promise<Locator | null> {
  const rows = await db.query(CURRENT_BOUNDARIES_SQL);
  if (!rows.length) return null;
  const check = checkBoundariesCached(String(rows[0].geojson));
  if (!check.ok) return null;
  const locator = new Locator(boundaryAreas(check.features));
  return locator.size ? locator : null;
}

/**
 * Locates the points of `table`'s rows without a neighborhood and fills the work table; returns
 * how many rows it places (0: nothing to write).
 */
async function locate(db: Executor, table: string, locator: Locator): Promise<number> {
  const points = await db.query(unplacedPointsSql(table));
  const found: { lon: number; lat: number; place: Place }[] = [];
  for (const p of points) {
    const lon = Number(p.lon);
    const lat = Number(p.lat);
    const place = locator.locate(lon, lat);
    if (place) found.push({ lon, lat, place });
  }
  if (!found.length) return 0;
  for (const sql of placesTableSql(found)) await db.exec(sql);
  const [{ n }] = await db.query(countPlacedSql(table));
  return Number(n);
}

/** Places the rows of `table` (qualified: a load's staged rows); returns how many. */
export async function placeRows(db: Executor, table: string, locator: Locator): Promise<number> {
  const n = await locate(db, table, locator);
  if (n) await db.exec(applyPlacesSql(table));
  await db.exec(`DROP TABLE IF EXISTS ${ident(PLACES_TABLE)}`);
  return n;
}

/**
 * Places the stored rows of both datasets under the stored boundaries, and recomputes the
 * rollups, in one transaction; returns how many rows were placed (the caller checkpoints).
 */
export async function placeStoredRows(db: Database): Promise<number> {
  return withSession(db, async (session) => {
    const locator = await storedLocator(session);
    if (!locator) return 0;
    return inTransaction(session, async () => {
      let placed = 0;
      for (const d of DATASETS) {
        const n = await locate(session, ident(d), locator);
        if (!n) continue;
        placed += n;
        await session.exec(applyPlacesSql(ident(d)));
      }
      if (placed) for (const sql of rebuildDerivedSql()) await session.exec(sql);
      return placed;
    });
  });
}
