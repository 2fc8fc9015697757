import { readFileSync } from 'node:fs';

import { BENCHMARK_NAMES, type BenchmarkName } from './benchmarks';

/**
 * Budgets: the limits a release must stay within, per benchmark, kept in a versioned
 * file (perf/budgets.json) so a change to a limit is reviewed like a change to code.
 */
export interface Budget {
  maxP95Ms: number;
  maxP99Ms: number;
  /** (non-2xx answers + connection errors + timeouts) / requests that ended. */
  maxErrorRate: number;
  /** Throughput as a share of bare-http's in the same run (which then runs too). */
  minThroughputRatio?: number;
}

export interface BudgetFile {
  version: 1;
  /** Why the limits are what they are, for whoever changes them next. */
  note?: string;
  benchmarks: Partial<Record<BenchmarkName, Budget>>;
}

export class BudgetFileError extends Error {
  override name = 'BudgetFileError';
}

export function readBudgets(path: string): BudgetFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BudgetFileError(
      `Cannot read the budget file ${path}: ${(error as Error).message}. Pass an existing file with --budgets.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BudgetFileError(
      `The budget file ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  return checkBudgets(parsed, path);
}

export function checkBudgets(value: unknown, path: string): BudgetFile {
  const file = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (file.version !== 1) {
    throw new BudgetFileError(
      `The budget file ${path} has version ${JSON.stringify(file.version)}; this harness reads version 1`,
    );
  }
  const stray = Object.keys(file).filter((key) => !['version', 'note', 'benchmarks'].includes(key));
  if (stray.length > 0) {
    throw new BudgetFileError(
      `The budget file ${path} has unknown field(s) ${stray.join(', ')}; it takes version, note and benchmarks`,
    );
  }
  const entries = (
    typeof file.benchmarks === 'object' && file.benchmarks !== null ? file.benchmarks : undefined
  ) as Record<string, unknown> | undefined;
  if (!entries) {
    throw new BudgetFileError(
      `The budget file ${path} needs a "benchmarks" object, one budget per benchmark`,
    );
  }

  const benchmarks: BudgetFile['benchmarks'] = {};
  for (const [name, budget] of Object.entries(entries)) {
    if (!(BENCHMARK_NAMES as string[]).includes(name)) {
      throw new BudgetFileError(
        `The budget file ${path} names an unknown benchmark "${name}"; benchmarks: ${BENCHMARK_NAMES.join(', ')}`,
      );
    }
    benchmarks[name as BenchmarkName] = checkBudget(
      budget,
      `${path}: benchmarks.${name}`,
      name === 'bare-http',
    );
  }
  return { version: 1, benchmarks };
}

function checkBudget(value: unknown, where: string, isBaseline: boolean): Budget {
  const budget = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const known = ['maxP95Ms', 'maxP99Ms', 'maxErrorRate', 'minThroughputRatio'];
  const unknown = Object.keys(budget).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new BudgetFileError(
      `${where} has unknown field(s) ${unknown.join(', ')}; known: ${known.join(', ')}`,
    );
  }

  const number = (key: string, min: number, max: number): number => {
    const field = budget[key];
    if (typeof field !== 'number' || !Number.isFinite(field) || field < min || field > max) {
      throw new BudgetFileError(
        `${where}.${key} must be a number from ${min} to ${max}; got ${JSON.stringify(field)}`,
      );
    }
    return field;
  };
  const checked: Budget = {
    maxP95Ms: number('maxP95Ms', 0, 600_000),
    maxP99Ms: number('maxP99Ms', 0, 600_000),
    maxErrorRate: number('maxErrorRate', 0, 1),
  };
  if (checked.maxP99Ms < checked.maxP95Ms) {
    throw new BudgetFileError(
      `${where}: maxP99Ms (${checked.maxP99Ms}) is below maxP95Ms (${checked.maxP95Ms}); no run could meet both`,
    );
  }
  if (isBaseline && budget.minThroughputRatio !== undefined) {
    throw new BudgetFileError(
      `${where}.minThroughputRatio makes no sense: bare-http is the baseline the ratio is taken against`,
    );
  }
  if (budget.minThroughputRatio !== undefined) {
    checked.minThroughputRatio = number('minThroughputRatio', 0, 100);
  }
  return checked;
}
