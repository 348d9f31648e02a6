/**
 * Downloads each source into a temporary directory, checks it, and only then moves it into the
 * target directory (written as `.part` and renamed, so a file there is always complete). When
 * nothing could be fetched (offline), the target directory is not touched at all.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { checkCsv, checkGeojson, checkZip, IntegrityError } from './integrity';
import type { Attempt, Source } from './sources';

export type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface FetchOptions {
  readonly sources: readonly Source[];
  readonly outDir: string;
  readonly fetch?: Fetch;
  readonly log?: (line: string) => void;
  /** Between polls of an ArcGIS Hub export job. */
  readonly pollMs?: number;
  readonly maxPolls?: number;
  /** Per request (headers and body). */
  readonly timeoutMs?: number;
}

export interface Fetched {
  readonly id: string;
  readonly file: string;
  readonly url: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly detail: Record<string, unknown>;
}

export interface Failed {
  readonly id: string;
  /** `network` when no attempt reached its server (DNS, refused, timeout, offline). */
  readonly kind: 'network' | 'http' | 'integrity';
  readonly message: string;
}

export interface FetchReport {
  readonly fetched: Fetched[];
  readonly failed: Failed[];
  readonly offline: boolean;
}

class HttpError extends Error {}
class NetworkError extends Error {}

/** Runs every source; never throws for a source's failure (see `failed`). */
export async function fetchData(opts: FetchOptions): Promise<FetchReport> {
  const log = opts.log ?? (() => undefined);
  const tmp = mkdtempSync(join(tmpdir(), 'denver-lens-fetch-'));
  const fetched: Fetched[] = [];
  const failed: Failed[] = [];
  try {
    for (const source of opts.sources) {
      const errors: { kind: Failed['kind']; message: string }[] = [];
      let done = false;
      for (const attempt of source.attempts) {
        log(`${source.id}: ${attempt.url}`);
        try {
          const { bytes, detail } = await runAttempt(source, attempt, opts);
          writeFileSync(join(tmp, source.file), bytes);
          fetched.push({ id: source.id, file: source.file, url: attempt.url, bytes: bytes.length, sha256: sha256(bytes), detail });
          log(`${source.id}: ok, ${bytes.length.toLocaleString('en-US')} bytes ${JSON.stringify(detail)}`);
          done = true;
          break;
        } catch (e) {
          const kind = e instanceof NetworkError ? 'network' : e instanceof IntegrityError ? 'integrity' : 'http';
          const message = `${attempt.url}: ${e instanceof IntegrityError ? 'integrity check failed: ' : ''}${(e as Error).message}`;
          errors.push({ kind, message });
          log(`${source.id}: failed: ${message}`);
        }
      }
      if (!done) {
        const kind = errors.every((e) => e.kind === 'network') ? 'network' : errors.some((e) => e.kind === 'integrity') ? 'integrity' : 'http';
        failed.push({ id: source.id, kind, message: errors.map((e) => e.message).join('; ') });
      }
    }
    if (fetched.length > 0) place(tmp, opts.outDir, fetched);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { fetched, failed, offline: fetched.length === 0 && failed.length > 0 && failed.every((f) => f.kind === 'network') };
}

/** Downloads one attempt and returns the bytes to store, checked. */
async function runAttempt(source: Source, attempt: Attempt, opts: FetchOptions): Promise<{ bytes: Uint8Array; detail: Record<string, unknown> }> {
  switch (attempt.kind) {
    case 'zip': {
      const bytes = await download(attempt.url, opts);
      return { bytes, detail: { ...checkZip(bytes, source.dataset) } };
    }
    case 'csv':
      return zipCsv(source, await download(attempt.url, opts));
    case 'hub-csv':
      return zipCsv(source, await hubExport(attempt.url, opts));
    case 'geojson': {
      const bytes = await download(attempt.url, opts);
      return { bytes, detail: { ...checkGeojson(bytes) } };
    }
  }
}

/** Checks a plain CSV and zips it, so every table the app serves is a `.csv.zip`. */
function zipCsv(source: Source, csv: Uint8Array): { bytes: Uint8Array; detail: Record<string, unknown> } {
  const report = checkCsv(csv, source.dataset);
  const entry = source.file.replace(/\.zip$/i, '');
  const bytes = zipSync({ [entry]: [csv, { level: 6 }] });
  checkZip(bytes, source.dataset);
  return { bytes, detail: { entry, csvBytes: csv.length, ...report } };
}

/**
 * An ArcGIS Hub download (`…/api/download/v1/items/<id>/csv?…&redirect=false`): the answer is
 * a JSON job status, polled until it is Completed with a `resultUrl`, which is then downloaded.
 * A server that sends the CSV straight away is accepted too.
 */
async function hubExport(url: string, opts: FetchOptions): Promise<Uint8Array> {
  const polls = opts.maxPolls ?? 120;
  for (let i = 0; i < polls; i++) {
    const bytes = await download(url, opts);
    const text = new TextDecoder().decode(bytes.subarray(0, 4096)).trim();
    if (!text.startsWith('{')) return bytes;
    const job = JSON.parse(new TextDecoder().decode(bytes)) as { status?: string; resultUrl?: string; error?: unknown };
    if (job.status === 'Completed' && job.resultUrl) return download(job.resultUrl, opts);
    if (job.error || /fail|error/i.test(job.status ?? '')) throw new HttpError(`the export job failed: ${text.slice(0, 200)}`);
    opts.log?.(`  export job: ${job.status ?? 'unknown status'}, waiting`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 5000));
  }
  throw new HttpError(`the export job did not finish after ${polls} polls`);
}

const NETWORK_CODES = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET/;

async function download(url: string, opts: FetchOptions): Promise<Uint8Array> {
  const f = opts.fetch ?? ((u, init) => fetch(u, init));
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 15 * 60_000);
  let res: Response;
  try {
    res = await f(url, { signal });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    if (NETWORK_CODES.test(code) || (e as Error).name === 'TimeoutError' || (e as Error).message === 'fetch failed') {
      throw new NetworkError(`cannot reach ${new URL(url).host} (${code || cause?.message || (e as Error).message})`);
    }
    throw new HttpError((e as Error).message);
  }
  if (!res.ok) throw new HttpError(`HTTP ${res.status} ${res.statusText}`.trim());
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new NetworkError(`the download of ${new URL(url).host} broke off (${(e as Error).message})`);
  }
}

/** Moves checked files into outDir and records them in fetch-manifest.json there. */
function place(tmp: string, outDir: string, fetched: Fetched[]): void {
  mkdirSync(outDir, { recursive: true });
  for (const f of fetched) {
    const part = join(outDir, `.${f.file}.part`);
    copyFileSync(join(tmp, f.file), part);
    renameSync(part, join(outDir, f.file));
  }
  const manifestPath = join(outDir, 'fetch-manifest.json');
  const previous = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files?: Fetched[] }).files ?? [] : [];
  const fetchedAt = new Date().toISOString();
  const files = [...previous.filter((p) => !fetched.some((f) => f.file === p.file)), ...fetched.map((f) => ({ ...f, fetchedAt }))];
  writeFileSync(manifestPath, `${JSON.stringify({ note: 'Written by npm run fetch-data. Data © City and County of Denver, CC BY 3.0.', files }, null, 2)}\n`);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
