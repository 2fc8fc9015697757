import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { generateReport } from '../reports/allure';
import { writeAllureResults } from './allure-results';
import type { BudgetFile } from './budget-file';
import { NOISY } from './results';
import { renderChart } from './chart';
import type { StoredResult } from './compare';
import type { BenchSummary } from './summary';

export interface OutputPlan {
  outDir: string;
  budgets: BudgetFile;
  stored?: StoredResult;
  saveBaselinePath?: string;
  /** The suite's Allure results, when `npm start` left them, for one report with both. */
  suiteResultsDir?: string;
  /** Short runs skip the HTML report: seconds matter in `npm test`. */
  buildReport: boolean;
}

/** Writes summary.json, chart.svg and the Allure results and report; returns the paths. */
export function writeOutputs(plan: OutputPlan, summary: BenchSummary): string[] {
  mkdirSync(plan.outDir, { recursive: true });
  const summaryPath = join(plan.outDir, 'summary.json');
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  const chart = renderChart(summary, plan.budgets, plan.stored);
  const chartPath = join(plan.outDir, 'chart.svg');
  writeFileSync(chartPath, chart);

  const resultsDir = join(plan.outDir, 'allure-results');
  rmSync(resultsDir, { recursive: true, force: true });
  writeAllureResults(resultsDir, summary, chart);
  const written = [summaryPath, chartPath, `${resultsDir}/ (Allure results)`];
  if (plan.buildReport)
    written.push(buildAllureReport(plan.outDir, resultsDir, plan.suiteResultsDir));

  if (plan.saveBaselinePath) {
    mkdirSync(dirname(plan.saveBaselinePath), { recursive: true });
    writeFileSync(plan.saveBaselinePath, `${JSON.stringify(summary, null, 2)}\n`);
    const noisy = summary.benchmarks.filter((b) => (b.cpu.otherProcesses ?? 0) >= NOISY);
    written.push(
      noisy.length === 0
        ? `${plan.saveBaselinePath} (stored result for later comparisons)`
        : `${plan.saveBaselinePath} (stored, but ${noisy.map((b) => b.name).join(', ')} ran NOISY: other processes took CPU, so later comparisons will mislead; store a quieter run)`,
    );
  }
  return written;
}

/**
 * Builds <out>/allure-report from the bench's results and, after `npm start`, the
 * suite's, so one report shows scenarios and benchmarks together. The suite's own
 * report and SHA256SUMS stay as they are: they are evidence, which the bench does
 * not rewrite.
 */
function buildAllureReport(outDir: string, benchResults: string, suiteResults?: string): string {
  const combined = join(outDir, 'allure-combined-results');
  rmSync(combined, { recursive: true, force: true });
  const withSuite = suiteResults !== undefined && existsSync(suiteResults);
  if (withSuite) cpSync(suiteResults, combined, { recursive: true });
  cpSync(benchResults, combined, { recursive: true });

  const report = join(outDir, 'allure-report');
  const generated = generateReport(combined, report);
  rmSync(combined, { recursive: true, force: true });
  if (!generated.ok) {
    return `no Allure report: ${generated.output.split('\n')[0]} (the results above are complete)`;
  }
  const holds = withSuite ? 'the benchmarks and the suite' : 'the benchmarks';
  return `${join(report, 'index.html')} (Allure report of ${holds})`;
}
