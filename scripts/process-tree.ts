import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * The largest total resident memory of a process and all its descendants (the build and the
 * search indexer it starts), and the CPU time they used, sampled from /proc every 100 ms: all of
 * it, and the indexer's own (Pagefind's program) apart. /usr/bin/time reports only the largest
 * single process, and no CPU of the indexer's processes, which the build leaves to end on their
 * own rather than waits for.
 */
export function trackTree(rootPid: number): { stop(): { peakMB: number; cpuSeconds: number; indexerSeconds: number } } {
  let peak = 0;
  /** Clock ticks of user and system time of each process seen in the tree, as last read. */
  const ticks = new Map<number, number>();
  /** The processes of the tree that run Pagefind's program. */
  const indexers = new Set<number>();
  const sample = () => {
    const parents = new Map<number, number>();
    const used = new Map<number, number>();
    const names = new Map<number, string>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // After the command name: state, parent, …, utime and stime (fields 14 and 15 of proc(5)).
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
        parents.set(Number(entry), Number(fields[1]));
        used.set(Number(entry), Number(fields[11]) + Number(fields[12]));
      } catch {
        // The process ended while being read.
      }
    }
    const tree = new Set([rootPid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, parent] of parents) if (tree.has(parent) && !tree.has(pid)) grew = tree.add(pid).size > 0;
    }
    let total = 0;
    for (const pid of tree) {
      ticks.set(pid, Math.max(ticks.get(pid) ?? 0, used.get(pid) ?? 0));
      if (names.get(pid)?.startsWith('pagefind')) indexers.add(pid);
      try {
        total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // Ended.
      }
    }
    peak = Math.max(peak, total);
  };
  const timer = existsSync('/proc/self/stat') ? setInterval(sample, 100) : undefined;
  // Linux reports these in units of 1/100 s (USER_HZ).
  const cpuSeconds = (of: (pid: number) => boolean) => (timer ? [...ticks].reduce((sum, [pid, value]) => sum + (of(pid) ? value : 0), 0) / 100 : NaN);
  return { stop: () => (clearInterval(timer), { peakMB: peak / 1024, cpuSeconds: cpuSeconds(() => true), indexerSeconds: cpuSeconds((pid) => indexers.has(pid)) }) };
}
