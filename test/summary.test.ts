import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as messages from '@cucumber/messages';

import { outcomeOf } from '../reports/outcomes';
import { buildSummary } from '../reports/summary';

const step = (
  status: messages.TestStepResultStatus,
  exception?: messages.Exception,
): messages.TestStepResult => ({
  status,
  duration: { seconds: 0, nanos: 0 },
  ...(exception ? { exception, message: `${exception.type}: ${exception.message}` } : {}),
});

test('an assertion failure is a finding, anything else thrown is broken', () => {
  assert.equal(
    outcomeOf([
      step('PASSED' as any),
      step('FAILED' as any, { type: 'AssertionError', message: 'x' }),
    ]),
    'failed',
  );
  assert.equal(
    outcomeOf([step('FAILED' as any, { type: 'HarnessFault', message: 'camera not denied' })]),
    'broken',
  );
  assert.equal(
    outcomeOf([step('FAILED' as any, { type: 'TypeError', message: 'x is undefined' })]),
    'broken',
  );
});

test('a failed assertion and a harness fault in one scenario make it broken', () => {
  assert.equal(
    outcomeOf([
      step('FAILED' as any, { type: 'AssertionError', message: 'x' }),
      step('FAILED' as any, { type: 'HarnessFault', message: 'unhandled request' }),
    ]),
    'broken',
  );
});

test('a run in which nothing passed fails the verdict', () => {
  const skipped = buildSummary(run([{ tags: [], results: [step('SKIPPED' as any)] }]), {});
  assert.equal(skipped.verdict, 'fail');
  assert.match(skipped.verdictReason, /no scenario passed/);
});

test('undefined and ambiguous steps are broken, never passed or skipped', () => {
  assert.equal(
    outcomeOf([step('PASSED' as any), step('UNDEFINED' as any), step('SKIPPED' as any)]),
    'broken',
  );
  assert.equal(outcomeOf([step('AMBIGUOUS' as any)]), 'broken');
});

test('all passed is passed; skipped steps without failures are skipped', () => {
  assert.equal(outcomeOf([step('PASSED' as any), step('PASSED' as any)]), 'passed');
  assert.equal(outcomeOf([step('SKIPPED' as any)]), 'skipped');
});

const ts = (s: number): messages.Timestamp => ({ seconds: s, nanos: 0 });

function run(
  cases: { tags: string[]; results: messages.TestStepResult[]; retried?: boolean }[],
): messages.Envelope[] {
  const envelopes: messages.Envelope[] = [
    { testRunStarted: { timestamp: ts(100) } } as messages.Envelope,
  ];
  cases.forEach((c, i) => {
    envelopes.push({
      pickle: {
        id: `p${i}`,
        uri: 'f.feature',
        name: `s${i}`,
        language: 'en',
        steps: [],
        tags: c.tags.map((name) => ({ name, astNodeId: '' })),
        astNodeIds: [],
      },
    });
    envelopes.push({
      testCase: { id: `c${i}`, pickleId: `p${i}`, testSteps: [] },
    } as messages.Envelope);
    envelopes.push({
      testCaseStarted: { id: `s${i}`, testCaseId: `c${i}`, attempt: 0, timestamp: ts(100 + i) },
    });
    for (const r of c.results)
      envelopes.push({
        testStepFinished: {
          testCaseStartedId: `s${i}`,
          testStepId: 'x',
          testStepResult: r,
          timestamp: ts(101 + i),
        },
      });
    envelopes.push({
      testCaseFinished: {
        testCaseStartedId: `s${i}`,
        timestamp: ts(101 + i),
        willBeRetried: c.retried ?? false,
      },
    });
  });
  envelopes.push({ testRunFinished: { timestamp: ts(120), success: true } } as messages.Envelope);
  return envelopes;
}

test('the verdict passes only when every scenario passed', () => {
  const passing = buildSummary(
    run([{ tags: ['@REQ-CO-06', '@compliant'], results: [step('PASSED' as any)] }]),
    {},
  );
  assert.equal(passing.verdict, 'pass');
  assert.equal(passing.durationMs.run, 20_000);
  const broken = buildSummary(
    run([{ tags: [], results: [step('FAILED' as any, { type: 'HarnessFault', message: 'x' })] }]),
    {},
  );
  assert.equal(broken.verdict, 'fail');
  assert.deepEqual(broken.counts, { total: 1, passed: 0, failed: 0, broken: 1, skipped: 0 });
});

test('an empty selection fails the verdict', () => {
  const empty = buildSummary(run([]), {});
  assert.equal(empty.verdict, 'fail');
  assert.match(empty.verdictReason, /empty selection/);
});

test('a retried attempt counts once, by its final result', () => {
  const summary = buildSummary(
    run([{ tags: [], results: [step('PASSED' as any)], retried: true }]),
    {},
  );
  assert.equal(summary.counts.total, 0);
});

test('a requirement is covered only with a passing compliant and a passing must-fail scenario', () => {
  const summary = buildSummary(
    run([
      { tags: ['@REQ-CO-06', '@compliant'], results: [step('PASSED' as any)] },
      { tags: ['@REQ-CO-06', '@must-fail'], results: [step('PASSED' as any)] },
      { tags: ['@REQ-CO-05', '@must-fail'], results: [step('PASSED' as any)] },
      {
        tags: ['@REQ-PRE-07', '@compliant'],
        results: [step('FAILED' as any, { type: 'AssertionError', message: 'x' })],
      },
    ]),
    {},
  );
  const status = (id: string) => summary.requirements.items.find((i) => i.id === id)!.status;
  assert.equal(status('CO-06'), 'covered');
  assert.equal(status('CO-05'), 'partial');
  assert.equal(status('PRE-07'), 'failing');
  assert.equal(status('ENTRA-01'), 'not covered');
});

test('a per-requirement kind tag counts the scenario in the other sense for that requirement', () => {
  const summary = buildSummary(
    run([
      {
        tags: ['@REQ-CO-06', '@REQ-PRE-10', '@must-fail', '@compliant:CO-06'],
        results: [step('PASSED' as any)],
      },
      { tags: ['@REQ-CO-06', '@must-fail'], results: [step('PASSED' as any)] },
    ]),
    {},
  );
  const item = (id: string) => summary.requirements.items.find((i) => i.id === id)!;
  assert.deepEqual([item('CO-06').compliant, item('CO-06').mustFail], [1, 1]);
  assert.deepEqual([item('PRE-10').compliant, item('PRE-10').mustFail], [0, 1]);
});

test('a tag naming no catalogue requirement fails the verdict', () => {
  const summary = buildSummary(
    run([{ tags: ['@REQ-CO-99'], results: [step('PASSED' as any)] }]),
    {},
  );
  assert.equal(summary.verdict, 'fail');
  assert.deepEqual(summary.requirements.unknownTags, ['CO-99']);
});
