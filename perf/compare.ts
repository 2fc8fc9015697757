import { readFileSync } from 'node:fs';

import type { BenchmarkResult } from './results';
import { round } from './results';

/**
 * A stored result (perf/baseline.json, written by --save-baseline) set beside the
 * new one. Absolute figures only compare on the same machine; the ratio to bare-http
 * travels better, since both sides of it move with the machine.
 */
export interface StoredResult {
  format: string;
  finishedAt: string;
  environment: { cpuModel?: string; cpus?: number; node?: string };
  benchmarks: BenchmarkResult[];
}

export interface BenchmarkChange {
  name: string;
  throughputPercent: number;
  p50Percent: number;
  p95Percent: number;
  p99Percent: number;
  ratioChange?: number;
}

export interface Comparison {
  path: string;
  recordedAt: string;
  recordedOn: string;
  benchmarks: BenchmarkChange[];
}

export const SUMMARY_FORMAT = 'face-checkout-bench/1';

export class StoredResultError extends Error {
  override name = 'StoredResultError';
}

export function readStoredResult(path: string): StoredResult {
  let stored: StoredResult;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as StoredResult;
  } catch (error) {
    throw new StoredResultError(
      `Cannot read the stored result ${path}: ${(error as Error).message}. Write one with npm run bench -- --save-baseline ${path}`,
    );
  }
  if (stored.format !== SUMMARY_FORMAT || !Array.isArray(stored.benchmarks)) {
    throw new StoredResultError(
      `${path} is not a bench result of format ${SUMMARY_FORMAT}; write one with npm run bench -- --save-baseline ${path}`,
    );
  }
  return stored;
}

export function compareWithStored(
  path: string,
  stored: StoredResult,
  results: BenchmarkResult[],
): Comparison {
  const changes: BenchmarkChange[] = [];
  for (const now of results) {
    const then = stored.benchmarks.find((b) => b.name === now.name);
    if (!then) continue;
    changes.push({
      name: now.name,
      throughputPercent: percentChange(then.throughputPerSecond, now.throughputPerSecond),
      p50Percent: percentChange(then.latencyMs.p50Ms, now.latencyMs.p50Ms),
      p95Percent: percentChange(then.latencyMs.p95Ms, now.latencyMs.p95Ms),
      p99Percent: percentChange(then.latencyMs.p99Ms, now.latencyMs.p99Ms),
      ...(then.throughputRatioToBare !== undefined && now.throughputRatioToBare !== undefined
        ? {
            ratioChange: round(now.throughputRatioToBare - then.throughputRatioToBare, 3),
          }
        : {}),
    });
  }
  const env = stored.environment ?? {};
  return {
    path,
    recordedAt: stored.finishedAt,
    recordedOn: `${env.cpus ?? '?'} x ${env.cpuModel ?? 'unknown CPU'}, Node ${env.node ?? '?'}`,
    benchmarks: changes,
  };
}

function percentChange(before: number, after: number): number {
  return before > 0 ? round(((after - before) / before) * 100, 1) : 0;
}
