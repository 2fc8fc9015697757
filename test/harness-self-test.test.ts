import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

import { enrichResults, rulesOfScenarios } from '../reports/allure';
import { buildSummary, readEnvelopes, type ScenarioResult } from '../reports/summary';

// The suite run against a broken product or a broken set-up: it must not pass.
const ROOT = resolve(__dirname, '..');

function runCucumber(
  args: string[],
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'self-test-')),
): ScenarioResult[] {
  const messages = join(dir, 'messages.ndjson');
  const run = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'cucumber-js'),
    ['--format', `message:${messages}`, '--format', 'summary:/dev/null', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { CUCUMBER_PARALLEL: '1', ...process.env, ...env } },
  );
  assert.notEqual(run.status, null, `cucumber-js did not finish: ${run.stderr}`);
  return buildSummary(readEnvelopes(messages), {}).scenarios;
}

test(
  'a Locker page that ignores a denied camera makes the camera scenario fail',
  { timeout: 60_000 },
  () => {
    const [scenario] = runCucumber(['--name', 'Camera access denied'], {
      HARNESS_PLANTED_FAULTS: 'locker-ignores-camera-denial',
    });
    assert.equal(scenario?.outcome, 'failed');
    assert.match(scenario?.error ?? '', /face-failed|No face found/);
  },
);

test('a cloud that matches any face makes the impostor scenario fail', { timeout: 60_000 }, () => {
  const [scenario] = runCucumber(['--name', "Another person's face"], {
    HARNESS_PLANTED_FAULTS: 'cloud-accepts-any-face',
  });
  assert.equal(scenario?.outcome, 'failed');
});

test(
  'a cloud that skips liveness makes the printed-photo scenario fail',
  { timeout: 60_000 },
  () => {
    const [scenario] = runCucumber(['--name', 'printed photo'], {
      HARNESS_PLANTED_FAULTS: 'cloud-skips-liveness',
    });
    assert.equal(scenario?.outcome, 'failed');
    assert.match(scenario?.error ?? '', /checked-out|Face recognised|face_not_live/);
  },
);

test('the same scenarios pass without planted faults', { timeout: 60_000 }, () => {
  const scenarios = runCucumber([
    '--name',
    'Camera access denied',
    '--name',
    "Another person's face",
  ]);
  assert.deepEqual(
    scenarios.map((s) => s.outcome),
    ['passed', 'passed'],
  );
});

test(
  'a request no simulator handles makes the scenario broken, not passed',
  { timeout: 60_000 },
  () => {
    const [scenario] = runCucumber([
      '--profile',
      'self-test',
      '--name',
      'endpoint the mock platform does not have',
    ]);
    assert.equal(scenario?.outcome, 'broken');
    assert.match(
      scenario?.error ?? '',
      /Unhandled request.*GET mam\/api\/v1\/users\/me\/licenseDetails/,
    );
  },
);

test(
  'under a Rule: both Backgrounds run in order, and tag labels, issue link and Rule reach Allure (BR-12)',
  { timeout: 60_000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'self-test-'));
    const results = join(dir, 'allure-results');
    const [scenario] = runCucumber(
      [
        '--profile',
        'self-test',
        '--name',
        'Labels and backgrounds',
        '--format',
        `allure-cucumberjs/reporter:${join(dir, 'allure.log')}`,
        '--format-options',
        JSON.stringify({ resultsDir: results }),
      ],
      {},
      dir,
    );
    assert.equal(scenario?.outcome, 'passed', scenario?.error);

    enrichResults(results, rulesOfScenarios(readEnvelopes(join(dir, 'messages.ndjson'))));
    const file = readdirSync(results).find((f) => f.endsWith('-result.json'))!;
    const result = JSON.parse(readFileSync(join(results, file), 'utf8'));
    const label = (name: string) =>
      result.labels
        .filter((l: { name: string }) => l.name === name)
        .map((l: { value: string }) => l.value);
    assert.deepEqual(label('severity'), ['critical']);
    assert.deepEqual(label('feature'), ['face-checkout']);
    assert.deepEqual(label('subSuite'), ['Proximity card is the primary factor']);
    assert.deepEqual(
      result.links.map((l: { type: string; name: string }) => `${l.type}:${l.name}`),
      ['issue:MAM-0001'],
    );
  },
);

test(
  'the smoke scenarios pass alike with one worker and with two (BR-10)',
  { timeout: 120_000 },
  () => {
    const outcomes = (workers: string) =>
      runCucumber(['--profile', 'smoke'], { CUCUMBER_PARALLEL: workers })
        .map((s) => `${s.name}: ${s.outcome}`)
        .sort();
    const one = outcomes('1');
    assert.ok(one.length >= 3, `only ${one.length} smoke scenarios`);
    assert.ok(
      one.every((line) => line.endsWith(': passed')),
      one.join('\n'),
    );
    assert.deepEqual(outcomes('2'), one);
  },
);
