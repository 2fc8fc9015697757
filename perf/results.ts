import { availableParallelism } from 'node:os';

import type { BenchmarkDefinition, LoadSettings } from './benchmarks';
import { percentileCurve, summariseLatency, type LatencySummary } from './latency-histogram';
import type { Measurement } from './measurement';

/** One benchmark's figures as summary.json, the table and the chart show them. */
export interface BenchmarkResult {
  name: string;
  measures: string;
  load: LoadDescription;
  requests: {
    sent: number;
    completed: number;
    /** sent - completed: what the count of answers leaves out, named. */
    notCompleted: { count: number; meaning: string };
  };
  throughputPerSecond: number;
  /** Throughput over bare-http's in the same run; set once both are known. */
  throughputRatioToBare?: number;
  latencyMs: LatencySummary;
  latencyCurve: { percentile: number; ms: number }[];
  errors: number;
  timeouts: number;
  non2xx: number;
  errorRate: number;
  statusCounts: Record<string, number>;
  cpu: CpuUse;
  /** Check-out only: badge tap to check-in, for flows that checked out with the face. */
  flowMs?: LatencySummary;
  stepsMs?: Record<string, LatencySummary>;
}

export interface LoadDescription {
  generator: string;
  mode: 'closed-loop' | 'fixed-rate';
  requestsPerSecond?: number;
  modeNote: string;
  connections: number;
  pipelining: number;
  secondsPerRound: number;
  rounds: number;
  measuredSeconds: number;
  maxRequestsPerRound: number;
}

export interface CpuUse {
  /** Share of one core the server process used while measured (0..1), if known. */
  server?: number;
  serverUsPerRequest?: number;
  generator: number;
  generatorUsPerRequest: number;
  /** Cores other processes used meanwhile: from 0.2 on, the figures are noisy. */
  otherProcesses?: number;
  /** The side that ran out of CPU first, or neither. */
  limitedBy:
    | 'server CPU'
    | 'load generator CPU'
    | 'CPU taken by other processes'
    | 'all CPUs of the machine'
    | 'neither (waiting on answers)';
}

const MODE_NOTES = {
  'closed-loop':
    'closed loop: a connection sends its next request only when the last is answered, so latency under overload is understated (the load backs off instead of queueing)',
  'fixed-rate':
    "fixed rate: autocannon caps each connection at its share per second, sent back to back at the start of each second; latency counts from each request's send, so queueing behind a late server is still understated",
};

/** A CPU share at or above this counts as saturated. */
const SATURATED = 0.85;
/** Other processes using this many cores or more make a run's figures noisy. */
export const NOISY = 0.2;

export function describeResult(
  definition: BenchmarkDefinition,
  settings: LoadSettings,
  generator: string,
  measurement: Measurement,
): BenchmarkResult {
  const m = measurement;
  const ended = m.completed + m.errors;
  const notCompleted = m.sent - m.completed;
  return {
    name: definition.name,
    measures: definition.measures,
    load: describeLoad(settings, generator, m.seconds),
    requests: {
      sent: m.sent,
      completed: m.completed,
      notCompleted: {
        count: notCompleted,
        meaning:
          'in flight when the run stopped, or lost with a connection that failed (see errors)',
      },
    },
    throughputPerSecond: round(m.seconds > 0 ? m.completed / m.seconds : 0, 1),
    latencyMs: summariseLatency(m.latency),
    latencyCurve: percentileCurve(m.latency),
    errors: m.errors,
    timeouts: m.timeouts,
    non2xx: m.non2xx,
    errorRate: round(ended > 0 ? (m.non2xx + m.errors) / ended : 0, 6),
    statusCounts: m.statusCounts,
    cpu: describeCpu(m),
    ...(m.flows ? { flowMs: summariseLatency(m.flows) } : {}),
    ...(m.steps
      ? {
          stepsMs: Object.fromEntries(
            Object.entries(m.steps).map(([k, h]) => [k, summariseLatency(h)]),
          ),
        }
      : {}),
  };
}

function describeLoad(
  settings: LoadSettings,
  generator: string,
  measuredSeconds: number,
): LoadDescription {
  return {
    generator,
    mode: settings.mode.kind,
    ...(settings.mode.kind === 'fixed-rate'
      ? { requestsPerSecond: settings.mode.requestsPerSecond }
      : {}),
    modeNote: MODE_NOTES[settings.mode.kind],
    connections: settings.connections,
    pipelining: settings.pipelining,
    secondsPerRound: settings.durationSeconds,
    rounds: settings.rounds,
    measuredSeconds: round(measuredSeconds, 2),
    maxRequestsPerRound: settings.maxRequests,
  };
}

function describeCpu(m: Measurement): CpuUse {
  const wallMs = m.seconds * 1000;
  const perRequest = (cpuMs: number) => round((cpuMs * 1000) / Math.max(1, m.completed), 1);
  const generator = round(m.generatorCpuMs / wallMs, 3);
  const server = m.serverCpuMs === undefined ? undefined : round(m.serverCpuMs / wallMs, 3);
  const others =
    m.machineBusyMs === undefined || m.serverCpuMs === undefined
      ? undefined
      : round(Math.max(0, m.machineBusyMs - m.serverCpuMs - m.generatorCpuMs) / wallMs, 2);
  return {
    ...(server === undefined ? {} : { server, serverUsPerRequest: perRequest(m.serverCpuMs!) }),
    generator,
    generatorUsPerRequest: perRequest(m.generatorCpuMs),
    ...(others === undefined ? {} : { otherProcesses: others }),
    limitedBy: findLimit(server, generator, others),
  };
}

function findLimit(
  server: number | undefined,
  generator: number,
  others: number | undefined,
): CpuUse['limitedBy'] {
  if (server !== undefined && server >= SATURATED && server >= generator) {
    return 'server CPU';
  }
  if (generator >= SATURATED) return 'load generator CPU';
  if (others !== undefined && others >= NOISY) return 'CPU taken by other processes';
  // Server and generator share the machine's cores; together they can fill them.
  const busy = (server ?? 0) + generator + (others ?? 0);
  if (busy >= SATURATED * availableParallelism()) return 'all CPUs of the machine';
  return 'neither (waiting on answers)';
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
