/**
 * The benchmark's input: two windows of generated data at one scale, a base window and a newer
 * one starting 30 days later with the same length (so they share 11 of 12 months). Both are
 * generated in parallel by the `npm run data` CLI into a temp directory, which is kept and
 * reused while the generator's source is unchanged (the output is a function of the options).
 * A third, tiny window (`sample/`: the 3 days before the base window, scale 0.05) stands in for the
 * app's bundled sample, which a first visit loads before anything else.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../src/gen/index';

export const BASE_START = '2025-10-01';
export const DAYS = 365;
export const NEWER_OFFSET_DAYS = 30;
export const FILE_311 = '311_service_requests.csv.zip';

export interface BenchData {
  /** Holds `base/`, `newer/` and `sample/`. */
  readonly dir: string;
  readonly base: Manifest;
  readonly newer: Manifest;
}

/** `YYYY-MM-DD` shifted by whole days or months (UTC calendar arithmetic). */
export function shiftDate(iso: string, days: number, months = 0): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A short hash of the generator's source (and of this file's windows): a cached data set goes stale with it. */
function generatorHash(root: string): string {
  const hash = createHash('sha256');
  const dir = join(root, 'src/gen');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  for (const file of ['scripts/data.ts', 'scripts/bench/data.ts']) hash.update(readFileSync(join(root, file)));
  return hash.digest('hex').slice(0, 12);
}

function generate(root: string, out: string, scale: number, start: string, log: (s: string) => void, days = DAYS): Promise<void> {
  const args = ['scripts/data.ts', '--out', out, '--scale', String(scale), '--start', start, '--days', String(days)];
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => log(`  ${line}`));
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`data generator exited with ${code}`))));
  });
}

function manifest(dir: string): Manifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  return m.files.every((f) => existsSync(join(dir, f.file))) ? m : null;
}

/** Generates (or reuses) the two windows at `scale`. */
export async function benchData(root: string, scale: number, fresh: boolean, log: (s: string) => void): Promise<BenchData> {
  const parent = join(tmpdir(), 'denver-lens-bench');
  const key = `scale-${scale}-`;
  const dir = join(parent, `${key}${generatorHash(root)}`);
  // Data from an older generator is never read again.
  if (existsSync(parent)) {
    for (const name of readdirSync(parent)) {
      if (name.startsWith(key) && join(parent, name) !== dir) rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
  if (fresh) rmSync(dir, { recursive: true, force: true });
  let base = manifest(join(dir, 'base'));
  let newer = manifest(join(dir, 'newer'));
  if (base && newer && manifest(join(dir, 'sample'))) {
    log(`bench data: reusing ${dir}`);
    return { dir, base, newer };
  }
  const t0 = performance.now();
  log(`bench data: generating scale ${scale} into ${dir}`);
  await Promise.all([
    generate(root, join(dir, 'base'), scale, BASE_START, log),
    generate(root, join(dir, 'newer'), scale, shiftDate(BASE_START, NEWER_OFFSET_DAYS), log),
  ]);
  await generate(root, join(dir, 'sample'), 0.05, shiftDate(BASE_START, -3), log, 3);
  base = manifest(join(dir, 'base'));
  newer = manifest(join(dir, 'newer'));
  if (!base || !newer) throw new Error(`bench data: the generator wrote no manifest in ${dir}`);
  log(`bench data: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, base, newer };
}
