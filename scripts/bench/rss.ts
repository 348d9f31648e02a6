/**
 * Resident memory of a Chromium instance, sampled from /proc from outside the browser
 * (`performance.memory` sees neither workers nor wasm). The browser is the process whose
 * command line names the profile directory; its renderers are the descendants started with
 * `--type=renderer`. A renderer holds the page, its dedicated workers (our ingest worker, the
 * DuckDB worker) and their wasm memory.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process went away between listing and reading
  }
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    // pid (comm) state ppid ...; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.push({ pid: Number(name), ppid: Number(fields[1]) });
  }
  return out;
}

/**
 * The arguments of a process. Chromium's children rewrite their title, so their cmdline is one
 * space-separated string rather than NUL-separated arguments: split on both.
 */
const cmdline = (pid: number): string[] => (read(`/proc/${pid}/cmdline`) ?? '').split(/[\0 ]/);

/** VmRSS in bytes, or 0 when the process is gone. */
function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) * 1024 : 0;
}

/** The browser process of the Chromium using `profileDir`, or null. */
export function findBrowserPid(profileDir: string): number | null {
  const flag = `--user-data-dir=${profileDir}`;
  for (const p of processes()) {
    const args = cmdline(p.pid);
    if (args.includes(flag) && !args.some((a) => a.startsWith('--type='))) return p.pid;
  }
  return null;
}

/** One reading: the largest renderer, and the whole browser (every descendant included). */
export interface RssReading {
  readonly maxRendererBytes: number;
  readonly renderers: number;
  readonly totalBytes: number;
}

export function readRss(browserPid: number): RssReading {
  const children = new Map<number, number[]>();
  for (const p of processes()) {
    const list = children.get(p.ppid) ?? [];
    list.push(p.pid);
    children.set(p.ppid, list);
  }
  let maxRendererBytes = 0;
  let renderers = 0;
  let totalBytes = 0;
  const stack = [browserPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const rss = rssBytes(pid);
    totalBytes += rss;
    if (pid !== browserPid && cmdline(pid).includes('--type=renderer')) {
      renderers++;
      maxRendererBytes = Math.max(maxRendererBytes, rss);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { maxRendererBytes, renderers, totalBytes };
}

/** Peaks over a sampling window, in MB (10^6 bytes). */
export interface RssPeak {
  readonly peakRendererMb: number;
  readonly peakBrowserMb: number;
  readonly samples: number;
}

/** Samples every `intervalMs` until `stop()`; the first sample is taken at once. */
export function sampleRss(browserPid: number, intervalMs = 100): { stop(): RssPeak } {
  let peakRenderer = 0;
  let peakTotal = 0;
  let samples = 0;
  const tick = () => {
    const r = readRss(browserPid);
    peakRenderer = Math.max(peakRenderer, r.maxRendererBytes);
    peakTotal = Math.max(peakTotal, r.totalBytes);
    samples++;
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakRendererMb: Math.round(peakRenderer / 1e6), peakBrowserMb: Math.round(peakTotal / 1e6), samples };
    },
  };
}
