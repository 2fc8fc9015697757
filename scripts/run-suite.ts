/**
 * `npm start`: runs the Gherkin suite on the embedded mock platform and writes the
 * reports of DESIGN section 5 under reports/out (or REPORTS_DIR). The exit code
 * follows the verdict, which is worked out from the run's messages.
 *
 *   npm start                         the whole suite
 *   npm start -- --profile smoke      the smoke profile
 *   npm start -- --tags @REQ-CO-06    any other cucumber-js options pass through
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { findChromium } from '../harness/browser';
import { ensureTools } from '../harness/tools';
import { lintFeatureFiles } from '../harness/gherkin-lint';
import {
  enrichResults,
  generateReport,
  rulesOfScenarios,
  writeCategories,
  writeEnvironment,
} from '../reports/allure';
import { writeChecksums } from '../reports/checksums';
import { printSummary } from '../reports/print';
import { buildSummary, readEnvelopes, type Summary } from '../reports/summary';

const ROOT = resolve(__dirname, '..');

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function chromiumVersion(): string {
  const path = findChromium();
  if (!path) return 'none found';
  const run = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return run.stdout.trim() || 'unknown';
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? featureFiles(path)
      : name.endsWith('.feature')
        ? [path]
        : [];
  });
}

function runCucumber(out: string, passthrough: string[]): number {
  const cucumber = join(ROOT, 'node_modules', '.bin', 'cucumber-js');
  const args = [
    '--format',
    `message:${join(out, 'cucumber.ndjson')}`,
    '--format',
    `junit:${join(out, 'junit.xml')}`,
    // Given a file, so it cannot swallow cucumber's own console output.
    '--format',
    `allure-cucumberjs/reporter:${join(out, 'allure-reporter.log')}`,
    '--format-options',
    JSON.stringify({
      resultsDir: join(out, 'allure-results'),
      junit: { suiteName: 'face check-out' },
    }),
    ...passthrough,
  ];
  const run = spawnSync(cucumber, args, { stdio: 'inherit', cwd: ROOT });
  return run.status ?? 1;
}

function main(): void {
  const out = resolve(process.env.REPORTS_DIR ?? join(ROOT, 'reports', 'out'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const started = Date.now();
  // After the old reports are gone, so a run that cannot start never leaves a "pass" behind.
  const lint = lintFeatureFiles(featureFiles(join(ROOT, 'features'))).map(
    (p) => `${p.file}:${p.line}: ${p.message}`,
  );
  for (const problem of lint) console.error(problem);
  const problems =
    lint.length > 0 ? [`${lint.length} feature file problem(s), listed above.`] : ensureTools();
  if (problems.length > 0) {
    const reason = `the harness could not run: ${problems.join(' ')}`;
    writeFileSync(
      join(out, 'summary.json'),
      `${JSON.stringify({ verdict: 'fail', verdictReason: reason, counts: { total: 0, passed: 0, failed: 0, broken: 0, skipped: 0 } }, null, 2)}\n`,
    );
    console.error(`\nVerdict: FAIL (${reason})`);
    process.exit(1);
  }
  const cucumberExit = runCucumber(out, process.argv.slice(2));
  const versions = {
    harness: versionOf(join(ROOT, 'package.json').replace(/\/package\.json$/, '')),
    node: process.version,
    cucumber: versionOf('@cucumber/cucumber'),
    'playwright-core': versionOf('playwright-core'),
    chromium: chromiumVersion(),
    'allure-commandline': versionOf('allure-commandline'),
  };

  const ndjson = join(out, 'cucumber.ndjson');
  const envelopes = existsSync(ndjson) ? readEnvelopes(ndjson) : [];
  const summary: Summary = buildSummary(envelopes, versions);
  if (cucumberExit !== 0 && summary.verdict === 'pass') {
    // The messages say pass but cucumber did not: trust neither, fail the run.
    summary.verdict = 'fail';
    summary.verdictReason = `cucumber-js exited with ${cucumberExit} although every scenario passed`;
  }
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  const resultsDir = join(out, 'allure-results');
  let report = 'not generated (no Allure results)';
  if (existsSync(resultsDir)) {
    enrichResults(resultsDir, rulesOfScenarios(envelopes));
    writeCategories(resultsDir);
    writeEnvironment(resultsDir, versions);
    const generated = generateReport(resultsDir, join(out, 'allure-report'));
    report = generated.ok
      ? join(out, 'allure-report', 'index.html')
      : `FAILED: ${generated.output}`;
    if (!generated.ok) {
      summary.verdict = 'fail';
      summary.verdictReason += '; the Allure report could not be generated';
      writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    }
  }

  writeChecksums(out);
  printSummary(summary, { out, report, wallMs: Date.now() - started });
  process.exit(summary.verdict === 'pass' ? 0 : 1);
}

main();
