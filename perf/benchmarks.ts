/**
 * The benchmarks `npm run bench` knows, each a named entry with fixed load settings,
 * so two runs of the same name measure the same thing. `--short` shrinks the time
 * (and nothing else) so `npm test` exercises the machinery in seconds.
 */

export type BenchmarkName = 'bare-http' | 'verify' | 'checkout';

/**
 * Closed loop: each connection sends its next request when the last one is answered,
 * so an overloaded server slows the load down and the latency it shows is understated.
 * Fixed rate: autocannon caps each connection at its share of the rate per second.
 */
export type LoadMode = { kind: 'closed-loop' } | { kind: 'fixed-rate'; requestsPerSecond: number };

export interface LoadSettings {
  connections: number;
  pipelining: number;
  mode: LoadMode;
  /** Measured time of one round; the round stops at this or at maxRequests. */
  durationSeconds: number;
  /**
   * The count bound: no round sends more. Set it below what the time allows for a
   * benchmark driven by an amount of requests rather than by time.
   */
  maxRequests: number;
  /** Rounds alternate between benchmarks, so a burst of noise does not hit one only. */
  rounds: number;
  /** Unmeasured load before the first round, so the JIT has compiled the hot path. */
  warmupSeconds: number;
}

export interface BenchmarkDefinition {
  name: BenchmarkName;
  measures: string;
  settings: LoadSettings;
}

const closedLoop: LoadMode = { kind: 'closed-loop' };

/** bare-http and verify get the same load, so their throughputs compare as a ratio. */
const sideBySide: LoadSettings = {
  connections: 10,
  pipelining: 1,
  mode: closedLoop,
  durationSeconds: 6,
  maxRequests: 500_000,
  rounds: 2,
  warmupSeconds: 1,
};

export const BENCHMARKS: readonly BenchmarkDefinition[] = [
  {
    name: 'bare-http',
    measures:
      'a bare node:http server that reads the same request and answers a body of the same size: the floor for Node and the load generator',
    settings: sideBySide,
  },
  {
    name: 'verify',
    measures:
      "the cloud's POST /api/v1/face/verify with Ada's face as the Locker page sends it (an 80 x 80 greymap), read and compared on every request",
    // A longer warm-up: the platform has more code for the JIT to compile than bare-http.
    settings: { ...sideBySide, warmupSeconds: 2 },
  },
  {
    name: 'checkout',
    measures:
      'the whole check-out through the APIs: badge tap, face verification, check-out, check-in, one connection per phone on LP-ICU-1',
    settings: {
      connections: 2,
      pipelining: 1,
      mode: closedLoop,
      durationSeconds: 6,
      maxRequests: 200_000,
      rounds: 2,
      warmupSeconds: 2,
    },
  },
];

/** What --short changes: seconds of load instead of tens, for `npm test`. */
export function shorten(settings: LoadSettings): LoadSettings {
  return { ...settings, durationSeconds: 0.7, rounds: 1, warmupSeconds: 0.2 };
}

export function findBenchmark(name: string): BenchmarkDefinition | undefined {
  return BENCHMARKS.find((b) => b.name === name);
}

export const BENCHMARK_NAMES = BENCHMARKS.map((b) => b.name);
