/**
 * Header detection: which dataset a CSV holds, which layout variant, and where each store
 * column's value sits in a record. Driven entirely by the column table in domain/columns.
 */
import { columnsOf, DATASETS, headerKey, IGNORED_HEADERS, type Dataset } from '../domain/columns';
import { datasetLabel, ingestMessages } from './messages';

/** Where each store column of a dataset comes from in the file's records. */
export interface HeaderMapping {
  dataset: Dataset;
  /** Layout name: `311-classic`, `311-arcgis`, `accidents-17`, `accidents-19`, `accidents-45`, ... */
  variant: string;
  /** Header names as written (BOM removed, trimmed). */
  header: string[];
  /** Number of fields every record must have. */
  fieldCount: number;
  /** Per column of columnsOf(dataset): index of its preferred source field, or -1. */
  sourceIndex: number[];
  /**
   * Per column: every present source field, in order of preference (first is sourceIndex).
   * Used as fallbacks, e.g. `Case Created Date` when `Case Created dttm` is blank. Optional so
   * hand-made mappings may omit it (then sourceIndex alone is used).
   */
  sourceIndices?: number[][];
  /** Fields the store has no column for; kept as JSON in the `extra` column. */
  extra: { index: number; header: string }[];
  /** Header names dropped on purpose (`shape`, blank names). */
  ignored: string[];
}

/** The header does not describe a known file; `unmatched` lists the header names not recognised. */
export class HeaderError extends Error {
  readonly unmatched: string[];
  constructor(message: string, unmatched: string[]) {
    super(message);
    this.name = 'HeaderError';
    this.unmatched = unmatched;
  }
}

/** Groups of header keys of which at least one must be present, per dataset. */
const REQUIRED: Record<Dataset, { label: string; keys: string[] }[]> = {
  service_requests: [
    { label: 'Case Created dttm or Case Created Date', keys: ['casecreateddttm', 'casecreateddate'] },
    { label: 'Type or Case Summary', keys: ['type', 'casesummary'] },
  ],
  traffic_accidents: [
    { label: 'OFFENSE_ID or INCIDENT_ID', keys: ['offenseid', 'incidentid'] },
    { label: 'FIRST_OCCURRENCE_DATE or REPORTED_DATE', keys: ['firstoccurrencedate', 'reporteddate'] },
  ],
};

interface Candidate {
  dataset: Dataset;
  sourceIndices: number[][];
  used: boolean[];
  matched: number;
  missing: string[];
}

function match(dataset: Dataset, keys: string[]): Candidate {
  const at = new Map<string, number>();
  keys.forEach((k, i) => {
    if (k !== '' && !at.has(k)) at.set(k, i);
  });
  const used = keys.map(() => false);
  const sourceIndices = columnsOf(dataset).map((col) => {
    const found: number[] = [];
    for (const src of col.sources) {
      const i = at.get(src);
      if (i !== undefined && !used[i]) {
        found.push(i);
        used[i] = true;
      }
    }
    return found;
  });
  const missing = REQUIRED[dataset].filter((g) => !g.keys.some((k) => at.has(k))).map((g) => g.label);
  return { dataset, sourceIndices, used, matched: used.filter(Boolean).length, missing };
}

function variantOf(dataset: Dataset, header: string[], keys: string[]): string {
  if (dataset === 'traffic_accidents') return `accidents-${header.length}`;
  const arcgis = keys.includes('objectid') || header.some((h) => h.includes('_'));
  return arcgis ? '311-arcgis' : '311-classic';
}

function cleanHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim();
}

/**
 * Recognises a header record (the first CSV record, as parsed fields).
 *
 * Each dataset's source keys are matched against the header keys (case, spaces and
 * underscores do not matter); the dataset whose key columns are all present and that matches
 * most fields wins. Unrecognised fields go to `extra`, `shape` and blank names to `ignored`.
 * @throws HeaderError when the header is empty, has duplicate names, matches neither dataset
 *   well enough (fewer than 3 fields, or under 40% of them), lacks a key column, or matches both.
 */
export function detectHeader(fields: string[]): HeaderMapping {
  const header = fields.map(cleanHeader);
  if (header.length === 0 || header.every((h) => h === '')) {
    throw new HeaderError(ingestMessages.emptyHeader(), []);
  }
  const keys = header.map(headerKey);

  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  keys.forEach((k, i) => {
    if (k === '') return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else duplicates.push(header[first] === header[i] ? header[i] : `${header[first]} / ${header[i]}`);
  });
  if (duplicates.length > 0) throw new HeaderError(ingestMessages.duplicateHeaders(duplicates), duplicates);

  const ignoredAt = keys.map((k) => k === '' || IGNORED_HEADERS.has(k));
  const countable = keys.filter((_, i) => !ignoredAt[i]).length;
  const candidates = DATASETS.map((d) => match(d, keys));
  const enough = (c: Candidate) => c.matched >= 3 && c.matched * 10 >= countable * 4;
  const unmatchedOf = (c: Candidate) => header.filter((_, i) => !c.used[i] && !ignoredAt[i]);

  const good = candidates.filter((c) => enough(c) && c.missing.length === 0);
  if (good.length > 1) {
    const [a, b] = good;
    if (a.matched === b.matched) throw new HeaderError(ingestMessages.ambiguousHeader(), []);
    good.sort((x, y) => y.matched - x.matched);
  }
  const best = good[0];
  if (best === undefined) {
    const near = candidates.filter(enough).sort((x, y) => y.matched - x.matched)[0];
    if (near !== undefined) {
      const unmatched = unmatchedOf(near);
      throw new HeaderError(
        ingestMessages.missingKeyColumns(datasetLabel[near.dataset], near.missing, unmatched),
        unmatched,
      );
    }
    const unmatched = header.filter((_, i) => !ignoredAt[i]);
    throw new HeaderError(ingestMessages.unknownHeader(unmatched), unmatched);
  }

  const extra: { index: number; header: string }[] = [];
  const ignored: string[] = [];
  header.forEach((h, i) => {
    if (ignoredAt[i]) ignored.push(h);
    else if (!best.used[i]) extra.push({ index: i, header: h });
  });
  return {
    dataset: best.dataset,
    variant: variantOf(best.dataset, header, keys),
    header,
    fieldCount: header.length,
    sourceIndex: best.sourceIndices.map((s) => (s.length > 0 ? s[0] : -1)),
    sourceIndices: best.sourceIndices,
    extra,
    ignored,
  };
}
