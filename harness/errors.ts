/**
 * The harness could not test: a mock misconfigured, a browser missing, a request no
 * simulator handled, a self-check that did not hold. Reports show it as "broken",
 * never as a finding about the system under test. (Findings are node:assert errors.)
 */
export class HarnessFault extends Error {
  override name = 'HarnessFault';
}
