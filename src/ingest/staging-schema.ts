/**
 * The Arrow layout of the staging batches that BatchBuilder emits and the merge SQL casts into
 * the store types. Only two Arrow types travel: Utf8 and Float64.
 */
import { columnsOf, SYSTEM_COLUMNS, type Dataset, type ValueKind } from '../domain/columns';

export type StagingArrowType = 'Utf8' | 'Float64';

/** One staging column: its name and Arrow type. */
export interface StagingColumn {
  name: string;
  arrow: StagingArrowType;
}

/** Name of the trailing column that holds the record's line number in the source file. */
export const SOURCE_LINE_COLUMN = 'source_line';

/**
 * Arrow type of a source column by kind:
 * text, status, neighborhood → Utf8; bigint → Utf8 (canonical digits, ids exceed 2^53);
 * int, double, lon, lat → Float64; flag → Float64 1/0; datetime → Float64 wall-clock epoch
 * ms (Denver local time; `epoch_ms(CAST(x AS BIGINT))` gives the naive TIMESTAMP).
 */
export function stagingArrowType(kind: ValueKind): StagingArrowType {
  switch (kind) {
    case 'text':
    case 'status':
    case 'neighborhood':
    case 'bigint':
      return 'Utf8';
    default:
      return 'Float64';
  }
}

/**
 * All staging columns of a dataset, in order: columnsOf(dataset), then SYSTEM_COLUMNS (all
 * Utf8), then `source_line` (Float64). Every column is nullable.
 */
export function stagingColumns(dataset: Dataset): StagingColumn[] {
  return [
    ...columnsOf(dataset).map((c) => ({ name: c.name, arrow: stagingArrowType(c.kind) })),
    ...SYSTEM_COLUMNS.map((c) => ({ name: c.name, arrow: 'Utf8' as const })),
    { name: SOURCE_LINE_COLUMN, arrow: 'Float64' },
  ];
}
