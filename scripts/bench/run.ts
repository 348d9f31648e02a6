/**
 * `npm run bench -- [--scale N] [--runs N] [--no-build] [--dist DIR] [--fresh-data] [--no-sample] [--js-flags FLAGS]`
 *
 * Builds the app, generates (or reuses) the bench data, serves both from localhost and runs the
 * browser benchmark `--runs` times, each with a fresh Chromium profile. Prints ONE JSON object
 * on stdout (medians over the runs, the raw runs, the targets); progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_PATH, DIST, ROOT } from '../../test/browser/harness';
import { serveStatic, type AccessEntry } from '../../test/browser/server';
import { medianGroups } from './cpu';
import { benchData, FILE_311, shiftDate } from './data';
import { benchRun, type RunResult } from './steps';
import { median, medians, targets } from './stats';

interface Args {
  scale: number;
  runs: number;
  build: boolean;
  dist: string;
  freshData: boolean;
  sample: boolean;
  /** V8 flags handed to Chromium, to diagnose (e.g. `--liftoff-only`); the targets are judged without. */
  jsFlags: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { scale: 1, runs: 3, build: true, dist: DIST, freshData: false, sample: true, jsFlags: '' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`missing value for ${flag}`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`bad ${flag}: ${v}`);
      return n;
    };
    if (flag === '--scale') args.scale = positive(value());
    else if (flag === '--runs') args.runs = Math.round(positive(value()));
    else if (flag === '--no-build') args.build = false;
    else if (flag === '--dist') [args.dist, args.build] = [resolve(value()), false];
    else if (flag === '--fresh-data') args.freshData = true;
    else if (flag === '--no-sample') args.sample = false;
    else if (flag === '--js-flags') args.jsFlags = value();
    else throw new Error(`unknown option: ${argv[i]}`);
  }
  return args;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function build(): void {
  log('bench: vite build');
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

/** Bytes of the first page load: as served, and gzip-compressed (what a compressing host sends). */
function firstLoadBytes(entries: readonly AccessEntry[], dist: string): { served: number; gzip: number; wasm: string[]; requests: Record<string, number[]> } {
  let served = 0;
  let gzip = 0;
  const requests: Record<string, number[]> = {};
  for (const e of entries) {
    served += e.bytes;
    (requests[e.path.slice(APP_PATH.length) || e.path] ??= []).push(e.bytes);
    if (e.status !== 200 || !e.path.startsWith(APP_PATH)) continue;
    const rel = e.path.slice(APP_PATH.length) || 'index.html';
    try {
      gzip += gzipSync(readFileSync(join(dist, rel))).length;
    } catch {
      gzip += e.bytes;
    }
  }
  return { served, gzip, requests, wasm: entries.filter((e) => e.path.endsWith('.wasm')).map((e) => e.path.split('/').pop()!) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const errors: string[] = [];
  if (args.build) build();
  const data = await benchData(ROOT, args.scale, args.freshData, log);
  const file = data.base.files.find((f) => f.file === FILE_311);
  if (!file) throw new Error(`bench data: no ${FILE_311} in the manifest`);

  // A first visit loads the app's bundled sample. It is replaced by a tiny window just before the
  // bench data (so the store is nearly empty before the first ingest), or with --no-sample hidden
  // (404: the store stays empty).
  const empty = mkdtempSync(join(tmpdir(), 'lens-bench-empty-'));
  const sampleDir = args.sample ? join(data.dir, 'sample') : empty;
  const server = await serveStatic({ [APP_PATH]: args.dist, [`${APP_PATH}data/`]: sampleDir, '/bench-data/': data.dir });
  const filterFrom = shiftDate(data.newer.end, 0, -3);
  const filterAgainFrom = shiftDate(data.newer.end, 0, -6);
  const runs: RunResult[] = [];
  try {
    for (let i = 0; i < args.runs; i++) {
      log(`bench: run ${i + 1}/${args.runs} (scale ${args.scale})`);
      const run = await benchRun({
        server,
        zipUrl: `${server.url}/bench-data/base/${FILE_311}`,
        newerUrl: `${server.url}/bench-data/newer/${FILE_311}`,
        filterFrom,
        filterAgainFrom,
        jsFlags: args.jsFlags,
        rows: file.records,
        dataPrefixes: [`${APP_PATH}data/`, '/bench-data/'],
        stepTimeoutMs: (120 + 90 * args.scale) * 1000,
        log,
      });
      runs.push(run);
      errors.push(...run.errors.map((e) => `run ${i + 1}: ${e}`));
    }
  } finally {
    await server.close();
    rmSync(empty, { recursive: true, force: true });
  }

  const m = medians(runs);
  const first = runs.find((r) => r.first_load.length > 0);
  const bytes = first ? firstLoadBytes(first.first_load, args.dist) : null;
  const bundle = [...new Set(bytes?.wasm.map((w) => /duckdb-(eh|mvp|coi)/.exec(w)?.[1] ?? w))].join(',') || null;
  const out = {
    ...m,
    rows: file.records,
    bytes: { zip: file.zipBytes, csv: file.csvBytes },
    browser: runs.find((r) => r.browser)?.browser ?? null,
    bundle,
    scale: args.scale,
    js_flags: args.jsFlags || null,
    bytes_transferred_first_load: bytes?.served ?? null,
    bytes_first_load_gzip: bytes?.gzip ?? null,
    /** Bytes served per path during the first load (a path fetched twice lists two figures). */
    first_load_requests: bytes?.requests ?? null,
    peak_rss_browser_mb: median(runs.map((r) => r.peak_rss_browser_mb)),
    anchor_peak_rss_mb: median(runs.map((r) => r.anchor_peak_rss_mb)),
    ingest_cpu_ms: medianGroups(runs.map((r) => r.ingest_cpu_ms)),
    anchor_cpu_ms: medianGroups(runs.map((r) => r.anchor_cpu_ms)),
    filter_cpu_ms: medianGroups(runs.map((r) => r.filter_cpu_ms)),
    filter_again_cpu_ms: medianGroups(runs.map((r) => r.filter_again_cpu_ms)),
    targets: targets(m),
    runs: runs.map(({ first_load, ...r }) => ({ ...r, first_load_bytes: first_load.reduce((s, e) => s + e.bytes, 0) })),
    data: { base: `${data.base.start}..${data.base.end}`, newer: `${data.newer.start}..${data.newer.end}`, filter_from: filterFrom, filter_again_from: filterAgainFrom, dir: data.dir },
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? null, mem_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
    total_s: Math.round((performance.now() - started) / 1000),
    ...(errors.length > 0 ? { errors } : {}),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((e: unknown) => {
  log(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.stdout.write(`${JSON.stringify({ errors: [String(e instanceof Error ? e.message : e)] })}\n`);
  process.exitCode = 1;
});
