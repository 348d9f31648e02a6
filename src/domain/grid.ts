/**
 * The point-density grid over Denver: the map's extent (the city and county, DIA included) and
 * its cells of 0.005° × 0.004° (about 430 m × 445 m). Shared by the density rollup, which counts
 * events per cell, and the density-map report, which draws the cells.
 */
export const DENVER_EXTENT = { minLon: -105.11, maxLon: -104.6, minLat: 39.6, maxLat: 39.92 } as const;

/** Cell size in degrees. */
export const CELL = { dLon: 0.005, dLat: 0.004 } as const;

/** Columns and rows of the grid. */
export const GRID = { cols: 102, rows: 80 } as const;
