/**
 * Column list of a load's staging table, in the Arrow staging types the ingest worker sends
 * (see ingest/batch-builder): numbers and timestamps as DOUBLE, everything else VARCHAR.
 */
import { SYSTEM_COLUMNS, columnsOf, type ColumnSpec, type Dataset } from '../domain/columns';
import { ident } from '../sql/quote';

/** The staging SQL type of a column. */
export function stagingType(col: ColumnSpec): 'DOUBLE' | 'VARCHAR' {
  return col.type === 'VARCHAR' || col.type === 'BIGINT' ? 'VARCHAR' : 'DOUBLE';
}

export function stagingColumnsDdl(dataset: Dataset): string {
  return [...columnsOf(dataset), ...SYSTEM_COLUMNS]
    .map((c) => `${ident(c.name)} ${stagingType(c)}`)
    .concat('source_line DOUBLE')
    .join(', ');
}
