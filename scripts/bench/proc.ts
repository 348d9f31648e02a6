/**
 * Chromium's processes as /proc shows them, read from outside the browser. The browser is the
 * process whose command line names the profile directory; the others descend from it, each with
 * its `--type=` (renderer, gpu-process, utility, zygote).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A file's text, or null when its process or thread went away between listing and reading. */
export function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The fields of a `stat` line after `pid (comm)`; comm may hold spaces and parentheses. */
export const statFields = (stat: string): string[] => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

interface Proc {
  readonly pid: number;
  readonly ppid: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (stat) out.push({ pid: Number(name), ppid: Number(statFields(stat)[1]) });
  }
  return out;
}

/**
 * The arguments of a process. Chromium's children rewrite their title, so their cmdline is one
 * space-separated string rather than NUL-separated arguments: split on both.
 */
export const cmdline = (pid: number): string[] => (read(`/proc/${pid}/cmdline`) ?? '').split(/[\0 ]/);

/** A process's `--type=` (`renderer`, `gpu-process`…), or `browser` for the one without. */
export function processType(pid: number): string {
  const flag = cmdline(pid).find((a) => a.startsWith('--type='));
  return flag ? flag.slice('--type='.length) : 'browser';
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

/** `browserPid` and every process descending from it. */
export function processTree(browserPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of processes()) {
    const list = children.get(p.ppid) ?? [];
    list.push(p.pid);
    children.set(p.ppid, list);
  }
  const out: number[] = [];
  const stack = [browserPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** One thread's CPU so far, as `/proc/<pid>/task/<tid>/stat` gives it. */
export interface ThreadCpu {
  /** The process's type (see processType). */
  readonly process: string;
  readonly pid: number;
  readonly tid: number;
  /** The thread's name (at most 15 characters: `ThreadPoolForeg`, `DedicatedWorker`…). */
  readonly name: string;
  /** User plus system time, in clock ticks. */
  readonly ticks: number;
}

/** Every thread of the browser's processes, with its CPU time so far. */
export function readThreads(browserPid: number): ThreadCpu[] {
  const out: ThreadCpu[] = [];
  for (const pid of processTree(browserPid)) {
    const process = processType(pid);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // the process ended
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const f = statFields(stat);
      out.push({ process, pid, tid: Number(tid), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(f[11]) + Number(f[12]) });
    }
  }
  return out;
}

/**
 * Runs `tick` now and every `intervalMs` until `stop()`, which runs it once more: the sampling
 * loop of the RSS and thread samplers.
 */
export function repeatEvery(intervalMs: number, tick: () => void): { stop(): void } {
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
    },
  };
}

/**
 * Reads the threads every `intervalMs` until `stop()`, which returns the first reading and each
 * thread's last one: a thread that ended meanwhile (a worker terminated) keeps what it had used,
 * to within one interval.
 */
export function sampleThreads(browserPid: number, intervalMs = 250): { stop(): { first: ThreadCpu[]; last: ThreadCpu[] } } {
  let first: ThreadCpu[] | null = null;
  const last = new Map<string, ThreadCpu>();
  const loop = repeatEvery(intervalMs, () => {
    const reading = readThreads(browserPid);
    first ??= reading;
    for (const t of reading) last.set(`${t.pid}/${t.tid}`, t);
  });
  return {
    stop() {
      loop.stop();
      return { first: first ?? [], last: [...last.values()] };
    },
  };
}
