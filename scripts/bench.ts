/**
 * `npm run bench`: face-verification latency benchmarks, judged by perf/budgets.json.
 *
 *   npm run bench                                  all benchmarks, no injected latency
 *   npm run bench -- --profile fixed:ms=80         a slower cloud (a planted slowdown)
 *   npm run bench -- --bench verify --short        one benchmark, seconds long
 *   npm run bench -- --save-baseline perf/baseline.json
 *
 * Writes reports/out/perf/summary.json and chart.svg (or under REPORTS_DIR, or --out).
 * Exit code: 0 within budget, 1 over budget, 2 bad input or nothing trustworthy measured.
 */
import { resolve } from 'node:path';

import {
  BenchInputError,
  parseBenchArgs,
  USAGE,
  type CliOptions,
} from '../perf/cli-options';
import { writeOutputs } from '../perf/outputs';
import { runBench } from '../perf/run-bench';
import type { BenchSummary } from '../perf/summary';
import { formatSummary } from '../perf/table';

const ROOT = resolve(__dirname, '..');
const EXIT = { pass: 0, fail: 1, broken: 2 } as const;

function readOptions(): CliOptions {
  try {
    return parseBenchArgs(process.argv.slice(2), ROOT);
  } catch (error) {
    if (!(error instanceof BenchInputError)) throw error;
    console.error(`npm run bench: ${error.message}`);
    console.error('Nothing was started and no load was sent.');
    process.exit(EXIT.broken);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  for (const note of options.notes) console.log(`note: ${note}`);

  let summary: BenchSummary;
  try {
    summary = await runBench(options, (line) => console.log(`- ${line}`));
  } catch (error) {
    console.error(`npm run bench could not measure: ${(error as Error).message}`);
    process.exit(EXIT.broken);
  }

  const files = writeOutputs(
    {
      outDir: options.outDir,
      budgets: options.budgets,
      ...(options.stored ? { stored: options.stored.result } : {}),
      ...(options.saveBaselinePath ? { saveBaselinePath: options.saveBaselinePath } : {}),
      ...(options.suiteResultsDir ? { suiteResultsDir: options.suiteResultsDir } : {}),
      buildReport: !options.short,
    },
    summary,
  );
  console.log(`\n${formatSummary(summary, files)}`);
  process.exit(EXIT[summary.verdict]);
}

main().catch((error: Error) => {
  console.error(`npm run bench failed: ${error.stack ?? error.message}`);
  process.exit(EXIT.broken);
});
