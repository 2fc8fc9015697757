import type { LoadSettings } from './benchmarks';
import { summariseLatency } from './latency-histogram';
import type { Measurement } from './measurement';
import { round } from './results';
import { runRound, type BenchTargets } from './workloads';

/**
 * The bench checks itself: with a fixed 50 ms injected on the cloud, the verify
 * endpoint's measured median must come back within 5% of 50 ms. If it does not, the
 * harness (or a busy machine) adds or loses time, and none of its figures can be
 * trusted.
 */
export const ACCURACY_INJECTED_MS = 50;
export const ACCURACY_TOLERANCE = 0.05;

/**
 * Well below saturation: two connections, so at most two requests wait on each other
 * and the median is the injected delay plus one verification's work.
 */
const RATE = 30;
const SETTINGS: LoadSettings = {
  connections: 2,
  pipelining: 1,
  mode: { kind: 'fixed-rate', requestsPerSecond: RATE },
  durationSeconds: 3,
  maxRequests: 10_000,
  rounds: 1,
  warmupSeconds: 0,
};

export interface AccuracyResult {
  injectedMs: number;
  measuredP50Ms: number;
  measuredP99Ms: number;
  /** (measured - injected) / injected, in percent. */
  errorPercent: number;
  tolerancePercent: number;
  holds: boolean;
  /**
   * The same load with nothing injected: the endpoint's own p50, and what the injection
   * added over it. When the check misses, these tell the harness from the endpoint.
   */
  endpointP50Ms: number;
  addedP50Ms: number;
  requests: number;
  load: string;
  /** Cores other processes used meanwhile; a busy machine can make the check miss. */
  otherProcesses?: number;
}

export async function checkAccuracy(
  targets: BenchTargets,
  short: boolean,
): Promise<AccuracyResult> {
  const seconds = short ? 1.2 : SETTINGS.durationSeconds;
  const none = { distribution: 'none' } as const;
  const endpoint = await runRound('verify', targets, SETTINGS, seconds, none);
  const profile = { distribution: 'fixed', ms: ACCURACY_INJECTED_MS } as const;
  const measurement = await runRound('verify', targets, SETTINGS, seconds, profile);

  const endpointP50Ms = summariseLatency(endpoint.latency).p50Ms;
  const latency = summariseLatency(measurement.latency);
  const error = (latency.p50Ms - ACCURACY_INJECTED_MS) / ACCURACY_INJECTED_MS;
  return {
    injectedMs: ACCURACY_INJECTED_MS,
    measuredP50Ms: latency.p50Ms,
    measuredP99Ms: latency.p99Ms,
    errorPercent: round(error * 100, 2),
    tolerancePercent: ACCURACY_TOLERANCE * 100,
    holds:
      latency.count > 0 &&
      Math.abs(error) <= ACCURACY_TOLERANCE &&
      measurement.non2xx + measurement.errors === 0,
    endpointP50Ms,
    addedP50Ms: round(latency.p50Ms - endpointP50Ms, 3),
    requests: latency.count,
    ...otherProcessesDuring(measurement),
    load: `verify at ${RATE} requests/s over ${SETTINGS.connections} connections for ${seconds} s`,
  };
}

function otherProcessesDuring(m: Measurement): { otherProcesses?: number } {
  if (m.machineBusyMs === undefined || m.serverCpuMs === undefined) return {};
  return {
    otherProcesses: round(
      Math.max(0, m.machineBusyMs - m.serverCpuMs - m.generatorCpuMs) /
        (m.seconds * 1000),
      2,
    ),
  };
}
