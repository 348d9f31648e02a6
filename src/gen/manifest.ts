/**
 * The manifest written next to the generated files: what was generated and exact counts an
 * independent parse can check. Flaw counts are per data record written, duplicate lines
 * included (a duplicated case with blank coordinates counts twice under `coord_blank`).
 */
import type { Dataset } from '../domain/columns';

export const GENERATOR = 'denver-lens-synthetic/1';

export interface FileManifest {
  readonly dataset: Dataset;
  /** Zip file name, e.g. `311_service_requests.csv.zip`. */
  readonly file: string;
  /** The one CSV entry inside the zip. */
  readonly entry: string;
  readonly variant: string;
  readonly encoding: string;
  readonly header: readonly string[];
  /** Data records written (header excluded), duplicate lines included. */
  readonly records: number;
  /** Distinct data records. */
  readonly uniqueRecords: number;
  /** records − uniqueRecords. */
  readonly exactDuplicates: number;
  /** Bytes of the CSV (BOM included). */
  readonly csvBytes: number;
  readonly zipBytes: number;
  /** Count of records showing each flaw; every name the dataset reports is present. */
  readonly flaws: Readonly<Record<string, number>>;
}

export interface Manifest {
  readonly generator: string;
  readonly seed: number;
  readonly scale: number;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  readonly days: number;
  /** Last day included, `YYYY-MM-DD` (the window ends at the following midnight, Denver time). */
  readonly end: string;
  readonly files: readonly FileManifest[];
}

/** Counts flaws by name, keeping a fixed set of names (all reported, zero or not). */
export class FlawCounter {
  private readonly counts = new Map<string, number>();

  constructor(names: readonly string[]) {
    for (const name of names) this.counts.set(name, 0);
  }

  add(name: string, n = 1): void {
    const current = this.counts.get(name);
    if (current === undefined) throw new Error(`unknown flaw: ${name}`);
    this.counts.set(name, current + n);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
