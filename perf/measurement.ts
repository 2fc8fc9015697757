import { createLatencyHistogram, type LatencyHistogram } from './latency-histogram';

/**
 * What one run of load measured, before any judgement. Rounds of the same benchmark
 * are merged into one: counts add up, histograms merge, times add up.
 */
export interface Measurement {
  /** Requests written to a socket. */
  sent: number;
  /** Requests answered with a complete response, whatever its status. */
  completed: number;
  /** Requests that got no answer: connection errors, closed connections, timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCounts: Record<string, number>;
  /** Measured wall time, summed over rounds. */
  seconds: number;
  /** Response time of every completed request. */
  latency: LatencyHistogram;
  /** Check-out only: one whole flow from badge tap to check-in. */
  flows?: LatencyHistogram;
  /** Check-out only: response times per step of the flow. */
  steps?: Record<string, LatencyHistogram>;
  /** CPU used while measuring, in ms: by this process (the generator) and the server. */
  generatorCpuMs: number;
  serverCpuMs?: number;
  /** CPU time of the whole machine meanwhile, to tell what other processes took. */
  machineBusyMs?: number;
}

export function emptyMeasurement(): Measurement {
  return {
    sent: 0,
    completed: 0,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCounts: {},
    seconds: 0,
    latency: createLatencyHistogram(),
    generatorCpuMs: 0,
  };
}

export function mergeMeasurements(into: Measurement, from: Measurement): Measurement {
  into.sent += from.sent;
  into.completed += from.completed;
  into.errors += from.errors;
  into.timeouts += from.timeouts;
  into.non2xx += from.non2xx;
  for (const [status, count] of Object.entries(from.statusCounts)) {
    into.statusCounts[status] = (into.statusCounts[status] ?? 0) + count;
  }
  into.seconds += from.seconds;
  into.latency.add(from.latency);
  if (from.flows) (into.flows ??= createLatencyHistogram()).add(from.flows);
  for (const [step, histogram] of Object.entries(from.steps ?? {})) {
    const steps = (into.steps ??= {});
    (steps[step] ??= createLatencyHistogram()).add(histogram);
  }
  into.generatorCpuMs += from.generatorCpuMs;
  if (from.serverCpuMs !== undefined) {
    into.serverCpuMs = (into.serverCpuMs ?? 0) + from.serverCpuMs;
  }
  if (from.machineBusyMs !== undefined) {
    into.machineBusyMs = (into.machineBusyMs ?? 0) + from.machineBusyMs;
  }
  return into;
}
