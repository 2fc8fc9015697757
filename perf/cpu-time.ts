import { readFileSync } from 'node:fs';

/**
 * CPU time from Linux's /proc, in ms, to say what limited a run and whether other
 * processes on the machine took CPU from it. Elsewhere these read `undefined`, and
 * the report says the figure is unknown rather than guessing it.
 */
const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

/** utime + stime of one process, from /proc/<pid>/stat. */
export function readProcessCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}

/** Busy time of all CPUs together (user, nice, system, irq, softirq, steal). */
export function readMachineBusyMs(): number | undefined {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce(
      (sum: number, ticks) => sum + (ticks ?? 0),
      0,
    );
    return Number.isFinite(busy) ? busy * MS_PER_TICK : undefined;
  } catch {
    return undefined;
  }
}
