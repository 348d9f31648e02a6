/**
 * Resident memory of a Chromium instance, sampled from /proc from outside the browser
 * (`performance.memory` sees neither workers nor wasm). The browser is the process whose
 * command line names the profile directory; its renderers are the descendants started with
 * `--type=renderer`. A renderer holds the page, its dedicated workers (our ingest worker, the
 * DuckDB worker) and their wasm memory.
 */
import { cmdline, processTree, read, repeatEvery } from './proc';

/** VmRSS in bytes, or 0 when the process is gone. */
function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) * 1024 : 0;
}

/** One reading: the largest renderer, and the whole browser (every descendant included). */
export interface RssReading {
  readonly maxRendererBytes: number;
  readonly renderers: number;
  readonly totalBytes: number;
}

export function readRss(browserPid: number): RssReading {
  let maxRendererBytes = 0;
  let renderers = 0;
  let totalBytes = 0;
  for (const pid of processTree(browserPid)) {
    const rss = rssBytes(pid);
    totalBytes += rss;
    if (pid !== browserPid && cmdline(pid).includes('--type=renderer')) {
      renderers++;
      maxRendererBytes = Math.max(maxRendererBytes, rss);
    }
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
  const loop = repeatEvery(intervalMs, () => {
    const r = readRss(browserPid);
    peakRenderer = Math.max(peakRenderer, r.maxRendererBytes);
    peakTotal = Math.max(peakTotal, r.totalBytes);
    samples++;
  });
  return {
    stop() {
      loop.stop();
      return { peakRendererMb: Math.round(peakRenderer / 1e6), peakBrowserMb: Math.round(peakTotal / 1e6), samples };
    },
  };
}
