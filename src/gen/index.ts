/**
 * Seeded, deterministic generator of synthetic Denver files: `311_service_requests.csv.zip`,
 * `traffic_accidents.csv.zip` and `manifest.json`, written through an injected OutputTarget
 * (the file system lives in scripts/). Pure apart from the target: no clock, no Math.random.
 *
 * Determinism and overlapping windows:
 * - Every row is a function of (seed, scale, dataset, day) only: each day has its own PRNG
 *   stream seeded from hash(seed, dataset, day), and neighborhood activity and weather are
 *   functions of the seed (and day). Rows are ordered by day, then by time within the day.
 * - So two runs whose windows overlap write identical lines for the shared days, except:
 *   1. a 311 case whose true closing time is at or after the window end (the midnight after
 *      the last day) is written still open — status `Open`/`In Progress`, closed cells
 *      blank — and shows closed in a file whose window ends later (format-311);
 *   2. an accident edited after the fact (EDIT_RATE of records) whose reported time is
 *      within EDIT_WINDOW_DAYS of the window end is written in its preliminary form, and
 *      corrected in files whose window ends later (format-accident).
 * - The same options give byte-identical zips (the entry time is fixed from the window).
 */
import { civilFromDays, formatIsoDate, parseIsoDate } from './civil-date';
import { accidentPlan, serviceRequestPlan } from './dataset-plan';
import { writeDataset } from './dataset-writer';
import { GENERATOR, type FileManifest, type Manifest } from './manifest';
import { validateOptions, type GenerateOptions } from './options';
import type { OutputTarget } from './output-target';

export type { ByteSink } from './zip-stream';
export type { OutputTarget } from './output-target';
export type { FileManifest, Manifest } from './manifest';
export type { Encoding, GenerateOptions } from './options';
export { DEFAULT_OPTIONS, DEFAULT_OUT_DIR, parseCliArgs } from './options';
export { denverLocalToUtcMs } from './denver-time';
export { memoryTarget } from './memory-target';

export interface GenerateHooks {
  /** Called as each file is complete, with the time it took. */
  onFile?(file: FileManifest, millis: number): void;
}

export const MANIFEST_FILE = 'manifest.json';

/** Local seconds at which a window of `days` days starting `start` ends (exclusive). */
export function windowEndOf(start: string, days: number): number {
  return (parseIsoDate(start) + days) * 86400;
}

/** Generates both zips and the manifest into `target`; resolves to the manifest. */
export async function generate(options: GenerateOptions, target: OutputTarget, hooks: GenerateHooks = {}): Promise<Manifest> {
  const o = validateOptions(options);
  const firstDay = parseIsoDate(o.start);
  const windowEnd = windowEndOf(o.start, o.days);
  const endDate = civilFromDays(firstDay + o.days);
  const mtime = new Date(endDate.y, endDate.m - 1, endDate.d, 12, 0, 0);
  const window = { firstDay, days: o.days, encoding: o.encoding, mtime };
  const plans = [
    serviceRequestPlan(o.seed, o.scale, o.variant311, windowEnd),
    accidentPlan(o.seed, o.scale, o.variantAccidents, windowEnd),
  ];
  const files: FileManifest[] = [];
  for (const plan of plans) {
    const started = performance.now();
    const file = await writeDataset(plan, window, await target.open(plan.file));
    files.push(file);
    hooks.onFile?.(file, performance.now() - started);
  }
  const manifest: Manifest = {
    generator: GENERATOR,
    seed: o.seed,
    scale: o.scale,
    start: o.start,
    days: o.days,
    end: formatIsoDate(firstDay + o.days - 1),
    files,
  };
  await target.writeText(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
