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
  body?: string;
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
      measurement.statusCounts[statusCode] =
        (measurement.statusCounts[statusCode] ?? 0) + 1;
    });
    const watchdog = setTimeout(
      () => instance.stop(),
      (seconds + REQUEST_TIMEOUT_SECONDS + 5) * 1000,
    );
  });

  measurement.completed = result.requests.total;
  measurement.errors = result.errors;
  measurement.timeouts = result.timeouts;
  measurement.non2xx = result.non2xx;
  measurement.seconds = result.duration;
  const cpu = process.cpuUsage(cpuBefore);
  measurement.generatorCpuMs = (cpu.user + cpu.system) / 1000;
  return measurement;
}
