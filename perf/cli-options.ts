import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { BENCHMARK_NAMES, type BenchmarkName } from './benchmarks';
import { readBudgets } from './budget-file';
import { readStoredResult } from './compare';
import { parseProfileArg } from './profile-arg';
import type { BenchOptions } from './run-bench';

export const USAGE = `npm run bench -- [options]

  --bench <names>          comma-separated, from: ${BENCHMARK_NAMES.join(', ')} (default: all)
  --profile <profile>      latency profile of the cloud simulator (default: none), e.g.
                           fixed:ms=50 | normal:meanMs=40,sdMs=10 | lognormal:medianMs=30,sigma=0.5
                           with errorRate=0.01, seed=7, outage=<startMs>+<durationMs>; or a .json file
  --budgets <file>         budgets to judge by (default: perf/budgets.json)
  --baseline <file>        stored result to compare with (default: perf/baseline.json when present)
  --no-baseline            compare with nothing
  --save-baseline <file>   store this run's result there, to compare later runs with
  --short                  seconds instead of tens (what npm test runs)
  --skip-accuracy          leave out the 50 ms accuracy self-check
  --out <dir>              where summary.json and chart.svg go (default: reports/out/perf)

Exit code: 0 within budgets, 1 over budget, 2 bad input or the harness could not measure.`;

export interface CliOptions extends BenchOptions {
  outDir: string;
  /** The suite's Allure results to report with, when the output goes to the default place. */
  suiteResultsDir?: string;
  saveBaselinePath?: string;
  help: boolean;
  /** Said once before the run: choices the options implied. */
  notes: string[];
}

/** Bad input: refused before any server starts or any request is sent. */
export class BenchInputError extends Error {
  override name = 'BenchInputError';
}

export function parseBenchArgs(argv: string[], root: string): CliOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        bench: { type: 'string', multiple: true },
        profile: { type: 'string', default: 'none' },
        budgets: { type: 'string', default: join(root, 'perf', 'budgets.json') },
        baseline: { type: 'string' },
        'no-baseline': { type: 'boolean', default: false },
        'save-baseline': { type: 'string' },
        short: { type: 'boolean', default: false },
        'skip-accuracy': { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new BenchInputError(`${(error as Error).message}\n\n${USAGE}`);
  }

  const notes: string[] = [];
  const benchmarks = selectBenchmarks(values.bench);
  const profile = wrapInput(() => parseProfileArg(values.profile!));
  const budgets = wrapInput(() => readBudgets(values.budgets!));
  for (const name of benchmarks) {
    if (!budgets.benchmarks[name]) {
      throw new BenchInputError(
        `${values.budgets} has no budget for "${name}"; add one under "benchmarks", or leave the benchmark out with --bench`,
      );
    }
  }
  const needsBare = benchmarks.some(
    (name) => budgets.benchmarks[name]?.minThroughputRatio !== undefined,
  );
  if (needsBare && !benchmarks.includes('bare-http')) {
    benchmarks.unshift('bare-http');
    notes.push(
      'bare-http added: the throughput ratio budgets are taken against it in the same run',
    );
  }

  const storedPath = values['no-baseline'] ? undefined : (values.baseline ?? defaultBaseline(root));
  const stored = storedPath
    ? {
        path: shownPath(storedPath, root),
        result: wrapInput(() => readStoredResult(storedPath)),
      }
    : undefined;
  const reports = resolve(process.env.REPORTS_DIR ?? join(root, 'reports', 'out'));
  return {
    benchmarks,
    profile,
    budgets,
    budgetsPath: shownPath(values.budgets!, root),
    ...(stored ? { stored } : {}),
    short: values.short!,
    accuracy: !values['skip-accuracy'],
    outDir: resolve(values.out ?? join(reports, 'perf')),
    ...(values.out === undefined ? { suiteResultsDir: join(reports, 'allure-results') } : {}),
    ...(values['save-baseline'] ? { saveBaselinePath: values['save-baseline'] } : {}),
    help: values.help!,
    notes,
  };
}

/** Unknown names are refused with the list; the run order is always bare-http first. */
function selectBenchmarks(lists: string[] | undefined): BenchmarkName[] {
  if (!lists) return [...BENCHMARK_NAMES];
  const names = lists
    .flatMap((list) => list.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(BENCHMARK_NAMES as string[]).includes(n));
  if (unknown.length > 0) {
    throw new BenchInputError(
      `Unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}; benchmarks: ${BENCHMARK_NAMES.join(', ')}`,
    );
  }
  if (names.length === 0) {
    throw new BenchInputError(
      `--bench names no benchmark; benchmarks: ${BENCHMARK_NAMES.join(', ')}`,
    );
  }
  return BENCHMARK_NAMES.filter((n) => names.includes(n));
}

function defaultBaseline(root: string): string | undefined {
  const path = join(root, 'perf', 'baseline.json');
  return existsSync(path) ? path : undefined;
}

function wrapInput<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new BenchInputError((error as Error).message);
  }
}

/** Paths inside the project as the project names them, so results read the same anywhere. */
function shownPath(path: string, root: string): string {
  const inside = relative(root, resolve(path));
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
