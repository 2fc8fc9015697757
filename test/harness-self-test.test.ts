import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

import { buildSummary, readEnvelopes, type ScenarioResult } from '../reports/summary';

// The suite run against a broken product or a broken set-up: it must not pass.
const ROOT = resolve(__dirname, '..');

function runCucumber(args: string[], env: Record<string, string> = {}): ScenarioResult[] {
  const messages = join(mkdtempSync(join(tmpdir(), 'self-test-')), 'messages.ndjson');
  const run = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'cucumber-js'),
    ['--format', `message:${messages}`, '--format', 'summary:/dev/null', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CUCUMBER_PARALLEL: '1', ...env } },
  );
  assert.notEqual(run.status, null, `cucumber-js did not finish: ${run.stderr}`);
  return buildSummary(readEnvelopes(messages), {}).scenarios;
}

test('a Locker page that ignores a denied camera makes the camera scenario fail', { timeout: 60_000 }, () => {
  const [scenario] = runCucumber(['--name', 'Camera access denied'], { HARNESS_PLANTED_FAULTS: 'locker-ignores-camera-denial' });
  assert.equal(scenario?.outcome, 'failed');
  assert.match(scenario?.error ?? '', /face-failed|No face found/);
});

test('a cloud that matches any face makes the impostor scenario fail', { timeout: 60_000 }, () => {
  const [scenario] = runCucumber(['--name', "Another person's face"], { HARNESS_PLANTED_FAULTS: 'cloud-accepts-any-face' });
  assert.equal(scenario?.outcome, 'failed');
});

test('the same scenarios pass without planted faults', { timeout: 60_000 }, () => {
  const scenarios = runCucumber(['--name', 'Camera access denied', '--name', "Another person's face"]);
  assert.deepEqual(scenarios.map((s) => s.outcome), ['passed', 'passed']);
});

test('a request no simulator handles makes the scenario broken, not passed', { timeout: 60_000 }, () => {
  const [scenario] = runCucumber(['--profile', 'self-test', '--name', 'endpoint the mock platform does not have']);
  assert.equal(scenario?.outcome, 'broken');
  assert.match(scenario?.error ?? '', /Unhandled request.*GET mam\/api\/v1\/users\/me\/licenseDetails/);
});
