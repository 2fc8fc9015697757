import { build, type Histogram } from 'hdr-histogram-js';

/**
 * Latencies as an HDR histogram in microseconds: constant memory however long the run,
 * three significant digits at every scale. autocannon's own histogram stores whole
 * milliseconds, too coarse for a verify endpoint that answers in a fraction of one, so
 * each response time it reports is recorded here at full precision instead.
 */
export type LatencyHistogram = Histogram;

const HIGHEST_US = 120_000_000;

export function createLatencyHistogram(): LatencyHistogram {
  return build({
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

export function recordMs(histogram: LatencyHistogram, ms: number): void {
  histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summariseLatency(histogram: LatencyHistogram): LatencySummary {
  // A percentile reads its bucket's top, which can pass the largest value recorded.
  const max = histogram.maxValue;
  const at = (percentile: number) =>
    toMs(Math.min(histogram.getValueAtPercentile(percentile), max));
  return {
    count: histogram.totalCount,
    meanMs: toMs(histogram.mean),
    p50Ms: at(50),
    p90Ms: at(90),
    p95Ms: at(95),
    p97_5Ms: at(97.5),
    p99Ms: at(99),
    maxMs: toMs(max),
  };
}

/** Points for a percentile chart, denser towards the tail where budgets bite. */
export const CURVE_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100];

export function percentileCurve(histogram: LatencyHistogram): { percentile: number; ms: number }[] {
  if (histogram.totalCount === 0) return [];
  return CURVE_PERCENTILES.map((percentile) => ({
    percentile,
    ms: toMs(Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue)),
  }));
}

function toMs(us: number): number {
  return Math.round(us) / 1000;
}
