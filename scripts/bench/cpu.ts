/**
 * Where a step's CPU went, by thread, from two readings of /proc (proc.ts). Pure.
 *
 * The groups are the threads a step runs on: the renderer's main thread (the page: decoding
 * results, Vega's dataflows, style, layout and paint), its dedicated workers (during an ingest
 * ours, the parse workers and DuckDB's; during a filter change only DuckDB's), its thread pool (V8's background work: compiling hot wasm and
 * JavaScript with TurboFan, concurrent garbage collection), its other threads (compositor,
 * raster), the GPU process (in headless Chromium, its software compositing), and the browser and
 * other processes.
 */
import type { ThreadCpu } from './proc';
import { median } from './stats';

export const CPU_GROUPS = [
  'renderer_main',
  'renderer_workers',
  'renderer_thread_pool',
  'renderer_other',
  'gpu',
  'browser_other',
] as const;
export type CpuGroup = (typeof CPU_GROUPS)[number];
/** Milliseconds of CPU per group, and their `total`. */
export type CpuGroups = Record<CpuGroup | 'total', number>;

/** Linux reports thread CPU in USER_HZ ticks, 100 a second on every architecture Chromium runs on. */
const TICK_MS = 10;

/** The group of one thread. */
export function cpuGroup(t: Pick<ThreadCpu, 'process' | 'pid' | 'tid' | 'name'>): CpuGroup {
  if (t.process === 'renderer') {
    if (t.tid === t.pid) return 'renderer_main';
    if (t.name.startsWith('DedicatedWorker')) return 'renderer_workers';
    if (t.name.startsWith('ThreadPool')) return 'renderer_thread_pool';
    return 'renderer_other';
  }
  return t.process === 'gpu-process' ? 'gpu' : 'browser_other';
}

/**
 * CPU used between two readings, per group. A thread seen only in the second reading started
 * meanwhile and counts whole; one seen only in the first ended meanwhile and is not counted (its
 * last ticks are lost: /proc forgets an ended thread).
 */
export function cpuByGroup(before: readonly ThreadCpu[], after: readonly ThreadCpu[]): CpuGroups {
  const earlier = new Map(before.map((t) => [`${t.pid}/${t.tid}`, t.ticks]));
  const out = Object.fromEntries([...CPU_GROUPS, 'total'].map((g) => [g, 0])) as CpuGroups;
  for (const t of after) {
    const ms = Math.max(0, t.ticks - (earlier.get(`${t.pid}/${t.tid}`) ?? 0)) * TICK_MS;
    out[cpuGroup(t)] += ms;
    out.total += ms;
  }
  return out;
}

/** Each group's median over the runs that have a reading; null when none has. */
export function medianGroups(runs: readonly (CpuGroups | null)[]): CpuGroups | null {
  const have = runs.filter((r): r is CpuGroups => r !== null);
  if (have.length === 0) return null;
  const out = {} as CpuGroups;
  for (const g of [...CPU_GROUPS, 'total'] as const) out[g] = median(have.map((r) => r[g])) ?? 0;
  return out;
}
