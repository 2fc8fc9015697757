import autocannon from 'autocannon';

import type { LoadSettings } from './benchmarks';
import { recordMs } from './latency-histogram';
import { assertLoopback } from './loopback';
import { emptyMeasurement, type Measurement } from './measurement';

/** One endpoint hit with the same request over and over. */
export interface RequestPlan {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** A request gets this long before autocannon counts a timeout and reconnects. */
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * Sends one round of load with autocannon and records what came back. Bounded by
 * time and by count, and stopped by a watchdog if autocannon itself overruns.
 */
export async function runAutocannon(
  plan: RequestPlan,
  settings: LoadSettings,
  seconds: number,
): Promise<Measurement> {
  assertLoopback(plan.url);
  const measurement = emptyMeasurement();
  const cpuBefore = process.cpuUsage();
  let closedUnanswered = 0;

  const options: autocannon.Options = {
    url: plan.url,
    method: plan.method,
    headers: plan.headers,
    body: plan.body,
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: seconds,
    maxOverallRequests: settings.maxRequests,
    timeout: REQUEST_TIMEOUT_SECONDS,
    // Counted here, not from autocannon's total: in rate mode that total starts from
    // the per-connection rate instead of the requests really written.
    setupClient: (client) => {
      (client as NodeJS.EventEmitter).on('request', () => (measurement.sent += 1));
      forgetRequestsOfDeadConnections(client, (count) => (closedUnanswered += count));
    },
  };
  if (settings.mode.kind === 'fixed-rate') {
    options.overallRate = settings.mode.requestsPerSecond;
    // Latencies are recorded raw below; spare autocannon back-filling its own histogram.
    Object.assign(options, { ignoreCoordinatedOmission: true });
  }

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => {
      clearTimeout(watchdog);
      if (!error) return resolve(finished);
      const why = (error as Error).message ?? String(error);
      reject(new Error(`autocannon failed on ${plan.url}: ${why}`));
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      recordMs(measurement.latency, responseTime);
      measurement.statusCounts[statusCode] = (measurement.statusCounts[statusCode] ?? 0) + 1;
    });
    const watchdog = setTimeout(
      () => instance.stop(),
      (seconds + REQUEST_TIMEOUT_SECONDS + 5) * 1000,
    );
  });

  measurement.completed = result.requests.total;
  // A connection the server closed takes its requests along without any error from
  // autocannon; they failed as surely as a reset, so they count with the errors.
  measurement.errors = result.errors + closedUnanswered;
  measurement.timeouts = result.timeouts;
  measurement.non2xx = result.non2xx;
  measurement.seconds = result.duration;
  const cpu = process.cpuUsage(cpuBefore);
  measurement.generatorCpuMs = (cpu.user + cpu.system) / 1000;
  return measurement;
}

interface ClientInternals {
  _connect?: () => void;
  pipelinedRequests?: { clear(): void; size(): number };
}

/**
 * autocannon 9 keeps the requests a failed connection took with it in its queue, so
 * on the new connection every answer is timed from the request before it: after an
 * outage, latencies grow by whole round trips. Emptying the queue whenever the client
 * reconnects keeps each answer paired with its own request. Requests dropped that way
 * without autocannon seeing an error (the server closed the connection) are reported.
 */
function forgetRequestsOfDeadConnections(
  client: autocannon.Client,
  onUnanswered: (count: number) => void,
): void {
  const internals = client as unknown as ClientInternals;
  const connect = internals._connect;
  const queue = internals.pipelinedRequests;
  if (typeof connect !== 'function' || !queue) return;

  let failed = false;
  (client as NodeJS.EventEmitter).on('connError', () => (failed = true));
  internals._connect = () => {
    if (!failed && queue.size() > 0) onUnanswered(queue.size());
    failed = false;
    queue.clear();
    connect.call(client);
  };
}
