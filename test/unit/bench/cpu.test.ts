import { describe, expect, it } from 'vitest';
import { cpuByGroup, cpuGroup, medianGroups, type CpuGroups } from '../../../scripts/bench/cpu';
import { statFields, type ThreadCpu } from '../../../scripts/bench/proc';

const thread = (process: string, pid: number, tid: number, name: string, ticks: number): ThreadCpu => ({ process, pid, tid, name, ticks });

describe('statFields', () => {
  it('reads the fields after a name holding spaces and parentheses', () => {
    const f = statFields('4242 (Web Content (x)) S 4200 1 2 3 4 5 6 7 8 9 11 22 0 0');
    expect(f[0]).toBe('S');
    expect(f[1]).toBe('4200');
    expect(Number(f[11]) + Number(f[12])).toBe(33); // utime + stime
  });
});

describe('cpuGroup', () => {
  it("tells the renderer's main thread by its id, not its name", () => {
    expect(cpuGroup(thread('renderer', 10, 10, 'chromium', 0))).toBe('renderer_main');
    expect(cpuGroup(thread('renderer', 10, 11, 'chromium', 0))).toBe('renderer_other');
  });
  it("sorts the renderer's workers, thread pool and the other processes", () => {
    expect(cpuGroup(thread('renderer', 10, 12, 'DedicatedWorker', 0))).toBe('renderer_workers');
    expect(cpuGroup(thread('renderer', 10, 13, 'ThreadPoolForeg', 0))).toBe('renderer_thread_pool');
    expect(cpuGroup(thread('renderer', 10, 14, 'ThreadPoolBackg', 0))).toBe('renderer_thread_pool');
    expect(cpuGroup(thread('renderer', 10, 15, 'Compositor', 0))).toBe('renderer_other');
    expect(cpuGroup(thread('gpu-process', 20, 21, 'VizCompositorTh', 0))).toBe('gpu');
    expect(cpuGroup(thread('browser', 1, 1, 'chromium', 0))).toBe('browser_other');
    expect(cpuGroup(thread('utility', 30, 30, 'chromium', 0))).toBe('browser_other');
  });
});

describe('cpuByGroup', () => {
  it('sums each thread’s ticks since the first reading, in ms, per group and in total', () => {
    const before = [thread('renderer', 10, 10, 'chromium', 100), thread('renderer', 10, 12, 'DedicatedWorker', 50), thread('renderer', 10, 13, 'ThreadPoolForeg', 7)];
    const after = [
      thread('renderer', 10, 10, 'chromium', 121), // +21 ticks
      thread('renderer', 10, 12, 'DedicatedWorker', 75), // +25
      thread('renderer', 10, 13, 'ThreadPoolForeg', 67), // +60
      thread('renderer', 10, 16, 'ThreadPoolForeg', 4), // started meanwhile: counts whole
      thread('gpu-process', 20, 21, 'VizCompositorTh', 9), // unseen before: counts whole
    ];
    expect(cpuByGroup(before, after)).toEqual({
      renderer_main: 210,
      renderer_workers: 250,
      renderer_thread_pool: 640,
      renderer_other: 0,
      gpu: 90,
      browser_other: 0,
      total: 1190,
    });
  });
  it('does not count a thread that ended, nor a reading that went backwards', () => {
    const before = [thread('renderer', 10, 10, 'chromium', 100), thread('renderer', 10, 12, 'DedicatedWorker', 50)];
    const after = [thread('renderer', 10, 10, 'chromium', 90)];
    expect(cpuByGroup(before, after).total).toBe(0);
  });
  it('keys threads by process and thread id, so equal thread ids in two processes stay apart', () => {
    const before = [thread('renderer', 10, 5, 'ThreadPoolForeg', 10)];
    const after = [thread('renderer', 10, 5, 'ThreadPoolForeg', 12), thread('renderer', 11, 5, 'ThreadPoolForeg', 3)];
    expect(cpuByGroup(before, after).renderer_thread_pool).toBe(50);
  });
});

describe('medianGroups', () => {
  const groups = (n: number): CpuGroups => ({ renderer_main: n, renderer_workers: 2 * n, renderer_thread_pool: 3 * n, renderer_other: 0, gpu: 0, browser_other: 0, total: 6 * n });
  it("takes each group's median over the runs that have a reading", () => {
    expect(medianGroups([groups(10), null, groups(30), groups(20)])).toEqual(groups(20));
  });
  it('is null when no run has one', () => {
    expect(medianGroups([null, null])).toBeNull();
  });
});
