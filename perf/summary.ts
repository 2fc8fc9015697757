import type { LatencyProfile } from '../mocks/platform/latency-profile';
import type { AccuracyResult } from './accuracy';
import type { BudgetFile } from './budget-file';
import { SUMMARY_FORMAT, type Comparison } from './compare';
import { checkAgainstBudget, type BudgetCheck } from './judge';
import { NOISY, round, type BenchmarkResult } from './results';

/** How `npm run bench` exits for each verdict; bad input exits as broken, before any load. */
export const EXIT_CODES = { pass: 0, fail: 1, broken: 2 } as const;

/** The verify endpoint should reach this share of bare node:http (DESIGN section 8). */
export const SPEED_TARGET_RATIO = 0.7;

export interface JudgedResult extends BenchmarkResult {
  budget: BudgetCheck[];
  verdict: 'pass' | 'fail';
}

export interface SpeedFinding {
  verifyToBareRatio: number;
  target: number;
  meetsTarget: boolean;
  verifyServerUsPerRequest?: number;
  bareServerUsPerRequest?: number;
  /** Decoding and comparing one frame, timed in the load generator's process. */
  frameCostUs: number;
  explanation: string;
}

/** reports/out/perf/summary.json: what `npm run bench` measured and how it was judged. */
export interface BenchSummary {
  format: typeof SUMMARY_FORMAT;
  /** broken: the harness could not measure (set-up failed, or the self-check missed). */
  verdict: 'pass' | 'fail' | 'broken';
  verdictReason: string;
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  short: boolean;
  profile: LatencyProfile;
  profileText: string;
  budgetsFile: string;
  environment: Record<string, unknown>;
  benchmarks: JudgedResult[];
  speed?: SpeedFinding;
  accuracy?: AccuracyResult;
  comparison?: Comparison;
  latencyNote: string;
}

export const LATENCY_NOTE =
  "Latency is each answered request's response time (any status) from the moment it was written, recorded in microseconds in an HDR histogram; autocannon's own histogram keeps whole milliseconds and is not used.";

/** Ratios to bare-http, budget checks, and the run's verdict. */
export function judgeResults(results: BenchmarkResult[], budgets: BudgetFile): JudgedResult[] {
  const bare = results.find((r) => r.name === 'bare-http');
  return results.map((result) => {
    const withRatio = { ...result };
    if (bare && bare.throughputPerSecond > 0) {
      withRatio.throughputRatioToBare = round(
        result.throughputPerSecond / bare.throughputPerSecond,
        3,
      );
    }
    const budget = budgets.benchmarks[result.name as keyof BudgetFile['benchmarks']];
    const checks = budget ? checkAgainstBudget(withRatio, budget) : [];
    return {
      ...withRatio,
      budget: checks,
      verdict: checks.every((c) => c.ok) ? 'pass' : 'fail',
    };
  });
}

export function decideVerdict(
  results: JudgedResult[],
  accuracy: AccuracyResult | undefined,
): Pick<BenchSummary, 'verdict' | 'verdictReason'> {
  if (accuracy && !accuracy.holds) {
    const reason = `the accuracy self-check missed: ${accuracy.injectedMs} ms injected, p50 measured ${accuracy.measuredP50Ms} ms (${accuracy.errorPercent}%, allowed ±${accuracy.tolerancePercent}%)`;
    const busy =
      (accuracy.otherProcesses ?? 0) >= NOISY
        ? `; other processes used ${accuracy.otherProcesses} cores meanwhile, rerun on a quiet machine`
        : '';
    return {
      verdict: 'broken',
      verdictReason: `${reason}; no figure of this run can be trusted${busy}`,
    };
  }
  const failures = results.flatMap((r) =>
    r.budget.filter((c) => !c.ok).map((c) => `${r.name}: ${c.text}`),
  );
  if (failures.length > 0) {
    return { verdict: 'fail', verdictReason: `over budget: ${failures.join('; ')}` };
  }
  return {
    verdict: 'pass',
    verdictReason: `every benchmark within budget (${results.map((r) => r.name).join(', ')})`,
  };
}

export function describeSpeed(
  results: BenchmarkResult[],
  frameCostUs: number,
): SpeedFinding | undefined {
  const verify = results.find((r) => r.name === 'verify');
  const bare = results.find((r) => r.name === 'bare-http');
  if (!verify || !bare || bare.throughputPerSecond === 0) return undefined;

  const ratio = round(verify.throughputPerSecond / bare.throughputPerSecond, 3);
  const verifyUs = verify.cpu.serverUsPerRequest;
  const bareUs = bare.cpu.serverUsPerRequest;
  const cpuText =
    verifyUs !== undefined && bareUs !== undefined
      ? ` The verify server used ${pct(verify.cpu.server)} of a core, ${verifyUs} µs of CPU per request, against ${bareUs} µs for bare node:http; reading and comparing the frame alone takes ${frameCostUs} µs (timed in-process); the rest is the simulator's own request handling (ticket, verification record, journal) and the system calls that write each answer.`
      : ` Reading and comparing the frame takes ${frameCostUs} µs (timed in-process); server CPU time is not available on this system.`;
  return {
    verifyToBareRatio: ratio,
    target: SPEED_TARGET_RATIO,
    meetsTarget: ratio >= SPEED_TARGET_RATIO,
    ...(verifyUs === undefined ? {} : { verifyServerUsPerRequest: verifyUs }),
    ...(bareUs === undefined ? {} : { bareServerUsPerRequest: bareUs }),
    frameCostUs,
    explanation: `verify reached ${ratio} of bare-http's throughput (target ${SPEED_TARGET_RATIO}), limited by ${verify.cpu.limitedBy}; bare-http was limited by ${bare.cpu.limitedBy} (load generator at ${pct(bare.cpu.generator)} of a core).${cpuText}`,
  };
}

function pct(share: number | undefined): string {
  return share === undefined ? 'unknown' : `${Math.round(share * 100)}%`;
}
