/**
 * An order of the event types that no filter changes: each type's rank by its count over the
 * whole store. Reports that color by type pick colors from it (spec/type-colors.ts), so a type
 * keeps its color whatever the filters leave beside it.
 */
import type { Dataset } from '../../domain/columns';
import { emptyFilters } from '../filters';
import { orNone } from './common';
import { countsSql } from './counts';

/** `dataset, type, color_rank` (1 = the dataset's most frequent type), over the whole store. */
export function typeOrderSql(dataset?: Dataset): string {
  return `SELECT dataset, type, CAST(row_number() OVER (PARTITION BY dataset ORDER BY n DESC, type) AS INTEGER) AS color_rank
  FROM (SELECT dataset, ${orNone('type')} AS type, sum(n) AS n FROM (${countsSql(emptyFilters(), ['type'], { dataset })}) GROUP BY ALL)`;
}
