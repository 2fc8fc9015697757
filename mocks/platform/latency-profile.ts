/**
 * A latency profile: how a simulator delays, fails or drops its answers, so a
 * benchmark or a scenario can put a slow or flaky cloud in front of the check-out.
 * Profiles are plain JSON (the control plane and `npm run bench` take them as is)
 * and are checked here, so impossible parameters are refused before any request.
 */

export type LatencyDistribution =
  | { distribution: 'none' }
  | { distribution: 'fixed'; ms: number }
  /** Samples below zero are answered at once: keep meanMs a few sdMs above zero. */
  | { distribution: 'normal'; meanMs: number; sdMs: number }
  /** sigma is that of the underlying normal: p99 is medianMs * exp(2.33 * sigma). */
  | { distribution: 'lognormal'; medianMs: number; sigma: number };

export type LatencyProfile = LatencyDistribution & {
  /** Fraction of requests answered with an injected 503, from 0 to 1. */
  errorRate?: number;
  /** Connections are cut from startMs after the profile is set, for durationMs. */
  outage?: { startMs: number; durationMs: number };
  /** Seed of the random source; the same seed repeats the same delays and errors. */
  seed?: number;
};

export const NO_LATENCY: LatencyProfile = { distribution: 'none' };

/** No single delay is longer, so a long tail cannot hold a request past client timeouts. */
export const MAX_DELAY_MS = 60_000;

export class LatencyProfileError extends Error {
  override name = 'LatencyProfileError';
}

const PARAMETERS = {
  none: [],
  fixed: ['ms'],
  normal: ['meanMs', 'sdMs'],
  lognormal: ['medianMs', 'sigma'],
} as const;

const COMMON = ['distribution', 'errorRate', 'outage', 'seed'];

/** Checks a profile from JSON; the error names the field, the value and what is allowed. */
export function checkLatencyProfile(value: unknown): LatencyProfile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LatencyProfileError(
      'A latency profile must be a JSON object such as {"distribution": "fixed", "ms": 50}',
    );
  }
  const input = value as Record<string, unknown>;
  const kind = input.distribution;
  if (typeof kind !== 'string' || !(kind in PARAMETERS)) {
    throw new LatencyProfileError(
      `Unknown latency distribution ${JSON.stringify(kind)}; use one of: ${Object.keys(PARAMETERS).join(', ')}`,
    );
  }
  const parameters: readonly string[] = PARAMETERS[kind as keyof typeof PARAMETERS];
  const unknown = Object.keys(input).filter(
    (key) => !COMMON.includes(key) && !parameters.includes(key),
  );
  if (unknown.length > 0) {
    const allowed = [...parameters, 'errorRate', 'outage', 'seed'].join(', ');
    throw new LatencyProfileError(
      `A ${kind} latency profile has no ${unknown.join(', ')}; it takes: ${allowed}`,
    );
  }

  const profile = {
    distribution: kind,
    ...readParameters(kind, input),
  } as LatencyProfile;
  if (input.errorRate !== undefined) {
    profile.errorRate = readNumber(input.errorRate, 'errorRate', 0, 1);
  }
  if (input.outage !== undefined) profile.outage = readOutage(input.outage);
  if (input.seed !== undefined) {
    profile.seed = readInteger(input.seed, 'seed', 0, 2 ** 32 - 1);
  }
  return profile;
}

function readParameters(kind: string, input: Record<string, unknown>): Record<string, number> {
  if (kind === 'fixed') return { ms: readNumber(input.ms, 'ms', 0, MAX_DELAY_MS) };
  if (kind === 'normal') {
    return {
      meanMs: readNumber(input.meanMs, 'meanMs', 0, MAX_DELAY_MS),
      sdMs: readNumber(input.sdMs, 'sdMs', 0, MAX_DELAY_MS),
    };
  }
  if (kind === 'lognormal') {
    const sigma = readNumber(input.sigma, 'sigma', 0, 4);
    if (sigma === 0) {
      throw new LatencyProfileError(
        'A lognormal profile needs sigma above 0; for a constant delay use {"distribution": "fixed"}',
      );
    }
    return { medianMs: readNumber(input.medianMs, 'medianMs', 0, MAX_DELAY_MS), sigma };
  }
  return {};
}

function readOutage(value: unknown): { startMs: number; durationMs: number } {
  if (typeof value !== 'object' || value === null) {
    throw new LatencyProfileError(
      'Latency profile field "outage" must be {"startMs": number, "durationMs": number}',
    );
  }
  const { startMs, durationMs } = value as Record<string, unknown>;
  const window = {
    startMs: readNumber(startMs, 'outage.startMs', 0, 3_600_000),
    durationMs: readNumber(durationMs, 'outage.durationMs', 0, 3_600_000),
  };
  if (window.durationMs === 0) {
    throw new LatencyProfileError(
      'An outage needs durationMs above 0; leave "outage" out for none',
    );
  }
  return window;
}

function readNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new LatencyProfileError(
      `Latency profile field "${name}" must be a number from ${min} to ${max}; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readInteger(value: unknown, name: string, min: number, max: number): number {
  const number = readNumber(value, name, min, max);
  if (!Number.isInteger(number)) {
    throw new LatencyProfileError(
      `Latency profile field "${name}" must be a whole number; got ${number}`,
    );
  }
  return number;
}

/** One line for logs and reports: "normal(meanMs=40, sdMs=10), errorRate=0.01, seed=7". */
export function describeLatencyProfile(profile: LatencyProfile): string {
  const { distribution, errorRate, outage, seed, ...parameters } = profile as LatencyProfile &
    Record<string, number>;
  const shape = Object.entries(parameters)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const parts = [shape ? `${distribution}(${shape})` : distribution];
  if (errorRate) parts.push(`errorRate=${errorRate}`);
  if (outage) parts.push(`outage=${outage.startMs}+${outage.durationMs}ms`);
  if (seed !== undefined) parts.push(`seed=${seed}`);
  return parts.join(', ');
}
