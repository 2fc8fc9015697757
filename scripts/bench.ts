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

import { BenchInputError, parseBenchArgs, USAGE, type CliOptions } from '../perf/cli-options';
import { EXIT_CODES, type BenchSummary } from '../perf/summary';

const ROOT = resolve(__dirname, '..');

function readOptions(): CliOptions {
  try {
    return parseBenchArgs(process.argv.slice(2), ROOT);
  } catch (error) {
    if (!(error instanceof BenchInputError)) throw error;
    console.error(`npm run bench: ${error.message}`);
    console.error('Nothing was started and no load was sent.');
    process.exit(EXIT_CODES.broken);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  for (const note of options.notes) console.log(`note: ${note}`);
  // Loaded only now, so bad input is refused before the load machinery even compiles.
  const { runBench } = await import('../perf/run-bench');
  const { writeOutputs } = await import('../perf/outputs');
  const { formatSummary } = await import('../perf/table');

  let summary: BenchSummary;
  try {
    summary = await runBench(options, (line) => console.log(`- ${line}`));
  } catch (error) {
    console.error(`npm run bench could not measure: ${(error as Error).message}`);
    process.exit(EXIT_CODES.broken);
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
  process.exit(EXIT_CODES[summary.verdict]);
}

main().catch((error: Error) => {
  console.error(`npm run bench failed: ${error.stack ?? error.message}`);
  process.exit(EXIT_CODES.broken);
});
