import type { Budget } from './budget-file';
import type { BenchmarkResult } from './results';

/** One limit of a budget held against the figure it limits. */
export interface BudgetCheck {
  what: 'p95' | 'p99' | 'error rate' | 'throughput ratio' | 'answers';
  limit: number;
  measured: number;
  ok: boolean;
  /** "p95 81.2 ms > 30 ms" */
  text: string;
}

export function checkAgainstBudget(result: BenchmarkResult, budget: Budget): BudgetCheck[] {
  if (result.requests.completed === 0) {
    // With nothing answered every percentile reads 0: within any budget, and meaningless.
    return [
      {
        what: 'answers',
        limit: 1,
        measured: 0,
        ok: false,
        text: 'no request was answered',
      },
    ];
  }
  const checks = [
    atMost('p95', result.latencyMs.p95Ms, budget.maxP95Ms, 'ms'),
    atMost('p99', result.latencyMs.p99Ms, budget.maxP99Ms, 'ms'),
    atMost('error rate', result.errorRate, budget.maxErrorRate, ''),
  ];
  if (budget.minThroughputRatio !== undefined) {
    const ratio = result.throughputRatioToBare;
    const ok = ratio !== undefined && ratio >= budget.minThroughputRatio;
    const shown = ratio === undefined ? 'unknown (bare-http not run)' : String(ratio);
    const text = `throughput ratio ${shown} ${ok ? '>=' : '<'} ${budget.minThroughputRatio}`;
    checks.push({
      what: 'throughput ratio',
      limit: budget.minThroughputRatio,
      measured: ratio ?? 0,
      ok,
      text,
    });
  }
  return checks;
}

function atMost(
  what: BudgetCheck['what'],
  measured: number,
  limit: number,
  unit: string,
): BudgetCheck {
  const ok = measured <= limit;
  const suffix = unit ? ` ${unit}` : '';
  return {
    what,
    limit,
    measured,
    ok,
    text: `${what} ${measured}${suffix} ${ok ? '<=' : '>'} ${limit}${suffix}`,
  };
}
