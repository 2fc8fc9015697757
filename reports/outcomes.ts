import type * as messages from '@cucumber/messages';

/** DESIGN section 6: four outcomes, kept apart everywhere. */
export type Outcome = 'passed' | 'failed' | 'broken' | 'skipped';

/**
 * A finding is a node:assert failure: the system behaved wrongly or a setting is
 * non-compliant. Every other error (a HarnessFault, a timeout, a TypeError in a step)
 * means the harness could not test, which is "broken" and never a pass. Allure draws
 * the same line (assertion errors are "failed", the rest "broken").
 */
export function isFinding(
  exception: messages.Exception | undefined,
  message: string | undefined,
): boolean {
  if (exception?.type) return /assert/i.test(exception.type);
  return /^AssertionError/.test(message ?? '');
}

/** The outcome of one test case attempt from its step results. */
export function outcomeOf(results: messages.TestStepResult[]): Outcome {
  const failed = results.filter((r) => r.status === 'FAILED');
  // A harness fault anywhere (an unhandled request found by the After hook, say) makes
  // the whole result untrustworthy, even when a step also failed an assertion.
  if (failed.some((r) => !isFinding(r.exception, r.message))) return 'broken';
  if (failed.length > 0) return 'failed';
  if (results.some((r) => ['UNDEFINED', 'AMBIGUOUS', 'PENDING', 'UNKNOWN'].includes(r.status)))
    return 'broken';
  if (results.some((r) => r.status === 'SKIPPED')) return 'skipped';
  return 'passed';
}

/** The first line a person needs to see for a failed or broken scenario. */
export function errorOf(results: messages.TestStepResult[]): string | undefined {
  const bad = results.find((r) => r.status !== 'PASSED' && r.status !== 'SKIPPED');
  if (!bad) return undefined;
  if (bad.status === 'UNDEFINED') return 'A step has no definition';
  if (bad.status === 'AMBIGUOUS') return 'A step matches more than one definition';
  const text = bad.exception?.message ?? bad.message ?? bad.status;
  return text.split('\n').slice(0, 6).join('\n');
}
