/**
 * `npm test`: the project's own tests, then the Gherkin suite with its reports.
 *   1. type check (tsc --noEmit)
 *   2. unit and self-tests (node:test over test/**\/*.test.ts)
 *   3. the suite, exactly as `npm start` runs it
 * Ends with one line `N passed, N failed` counted from the real results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Summary } from '../reports/summary';

const ROOT = resolve(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function typecheck(): Tally {
  console.log('\n== Type check');
  const run = spawnSync(bin('tsc'), ['--noEmit', '-p', ROOT], { stdio: 'inherit' });
  const ok = run.status === 0;
  console.log(ok ? 'type check passed' : 'type check FAILED');
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

function unitTests(): Tally {
  console.log('\n== Unit and self-tests');
  const tap = join(mkdtempSync(join(tmpdir(), 'unit-')), 'unit.tap');
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      'ts-node/register',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...findTests(join(ROOT, 'test')),
    ],
    { stdio: 'inherit', cwd: ROOT },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const tally = {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
  if (run.status !== 0 && tally.failed === 0) tally.failed = 1; // the runner itself failed
  return tally;
}

function suite(): Tally {
  console.log('\n== Gherkin suite on the embedded mock platform (as `npm start`)');
  spawnSync(
    process.execPath,
    ['--require', 'ts-node/register', join(ROOT, 'scripts', 'run-suite.ts')],
    {
      stdio: 'inherit',
      cwd: ROOT,
    },
  );
  const path = resolve(process.env.REPORTS_DIR ?? join(ROOT, 'reports', 'out'), 'summary.json');
  if (!existsSync(path)) return { passed: 0, failed: 1, skipped: 0 };
  const summary = JSON.parse(readFileSync(path, 'utf8')) as Summary;
  const { passed, failed, broken, skipped } = summary.counts;
  // A failing verdict with no failed scenario (empty selection, report error) still fails.
  const verdictOnly = summary.verdict === 'fail' && failed + broken === 0 ? 1 : 0;
  return { passed, failed: failed + broken + verdictOnly, skipped };
}

function main(): void {
  const parts = [typecheck(), unitTests(), suite()];
  const total = parts.reduce((a, b) => ({
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  }));
  console.log(
    `\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
  );
  process.exit(total.failed === 0 ? 0 : 1);
}

main();
