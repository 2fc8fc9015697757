import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { generateReport } from '../reports/allure';
import { copyAllureResults, writeAllureResults } from './allure-results';
import type { BudgetFile } from './budget-file';
import { renderChart } from './chart';
import type { StoredResult } from './compare';
import type { BenchSummary } from './summary';

export interface OutputPlan {
  outDir: string;
  budgets: BudgetFile;
  stored?: StoredResult;
  saveBaselinePath?: string;
  /** The suite's reports folder, when the bench joins its Allure report. */
  suiteReportsDir?: string;
}

/** Writes summary.json, chart.svg and Allure results; returns what it wrote or did. */
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

  if (plan.saveBaselinePath) {
    mkdirSync(dirname(plan.saveBaselinePath), { recursive: true });
    writeFileSync(plan.saveBaselinePath, `${JSON.stringify(summary, null, 2)}\n`);
    written.push(`${plan.saveBaselinePath} (stored result for later comparisons)`);
  }
  const joined = plan.suiteReportsDir
    ? joinSuiteReport(resultsDir, plan.suiteReportsDir)
    : undefined;
  if (joined) written.push(joined);
  return written;
}

/**
 * After `npm start`, the suite's Allure results are there: add the bench's and build
 * the report again, so one report holds both. Without them, say how to join later.
 */
function joinSuiteReport(benchResults: string, reportsDir: string): string | undefined {
  const suiteResults = join(reportsDir, 'allure-results');
  if (!existsSync(suiteResults)) return undefined;
  copyAllureResults(benchResults, suiteResults);
  const generated = generateReport(suiteResults, join(reportsDir, 'allure-report'));
  if (generated.ok) {
    return `${join(reportsDir, 'allure-report', 'index.html')} (rebuilt with the bench results)`;
  }
  return `${suiteResults}/ (bench results added; the Allure report was not rebuilt: ${generated.output.split('\n')[0]})`;
}
