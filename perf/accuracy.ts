import type { LatencyProfile } from '../mocks/platform/latency-profile';
import { runAutocannon } from './autocannon-load';
import type { LoadSettings } from './benchmarks';
import { summariseLatency } from './latency-histogram';
import type { Measurement } from './measurement';
import { preparePlatform } from './platform-setup';
import { round } from './results';
import { measureCpuOf, type BenchTargets } from './workloads';

/**
 * The bench checks itself: with a fixed 50 ms injected on the cloud simulator, the
 * measured median must come back within 5% of 50 ms. If it does not, the harness (or
 * a busy machine) adds or loses time, and none of its figures can be trusted.
 *
 * It times the cloud's cheapest call (GET /api/v1/tenant), not verify: verify's own
 * 1 to 2 ms would eat most of the 2.5 ms allowed, and say nothing about the harness.
 * The same load without injection is measured first and reported beside it.
 */
export const ACCURACY_INJECTED_MS = 50;
export const ACCURACY_TOLERANCE = 0.05;

/**
 * One request at a time, capped at 15 a second: nothing queues, so the median is the
 * delay plus the call itself. On a VM the call takes about a millisecond longer after
 * a 50 ms pause than back to back (idle CPUs wake slowly); that is part of what the
 * 5% must absorb, and the no-injection run beside it shows the call's own time.
 */
const RATE = 15;
const SETTINGS: LoadSettings = {
  connections: 1,
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
  /** The same call at the same load with nothing injected. */
  endpointP50Ms: number;
  requests: number;
  load: string;
  /** Cores other processes used meanwhile; a busy machine can make the check miss. */
  otherProcesses?: number;
}

export async function checkAccuracy(
  targets: BenchTargets,
  short: boolean,
): Promise<AccuracyResult> {
  const seconds = short ? 1 : SETTINGS.durationSeconds;
  // The call's own time needs few samples: it is beside the point, not the point.
  const endpoint = await timeTenantCall(targets, seconds / 2, { distribution: 'none' });
  const injected = { distribution: 'fixed', ms: ACCURACY_INJECTED_MS } as const;
  const measurement = await timeTenantCall(targets, seconds, injected);

  const latency = summariseLatency(measurement.latency);
  const error = (latency.p50Ms - ACCURACY_INJECTED_MS) / ACCURACY_INJECTED_MS;
  const failures = measurement.non2xx + measurement.errors;
  return {
    injectedMs: ACCURACY_INJECTED_MS,
    measuredP50Ms: latency.p50Ms,
    measuredP99Ms: latency.p99Ms,
    errorPercent: round(error * 100, 2),
    tolerancePercent: ACCURACY_TOLERANCE * 100,
    holds: latency.count > 0 && Math.abs(error) <= ACCURACY_TOLERANCE && failures === 0,
    endpointP50Ms: summariseLatency(endpoint.latency).p50Ms,
    requests: latency.count,
    ...otherProcessesDuring(measurement),
    load: `GET /api/v1/tenant on the cloud, one connection, at most ${RATE} requests/s, for ${seconds} s`,
  };
}

async function timeTenantCall(
  targets: BenchTargets,
  seconds: number,
  profile: LatencyProfile,
): Promise<Measurement> {
  const { urls } = targets.platform;
  await preparePlatform(urls, profile);
  const plan = {
    url: `${urls.cloud}/api/v1/tenant`,
    method: 'GET' as const,
    headers: { authorization: `Bearer ${targets.tenant.cloud.integrationToken}` },
  };
  return measureCpuOf(targets.platform, () => runAutocannon(plan, SETTINGS, seconds));
}

function otherProcessesDuring(m: Measurement): { otherProcesses?: number } {
  if (m.machineBusyMs === undefined || m.serverCpuMs === undefined) return {};
  const others = Math.max(0, m.machineBusyMs - m.serverCpuMs - m.generatorCpuMs);
  return { otherProcesses: round(others / (m.seconds * 1000), 2) };
}
