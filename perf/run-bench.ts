import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';

import { buildTenant, findPerson } from '../fixtures/tenant';
import {
  NO_LATENCY,
  describeLatencyProfile,
  type LatencyProfile,
} from '../mocks/platform/latency-profile';
import { checkAccuracy, type AccuracyResult } from './accuracy';
import { findBenchmark, shorten, type BenchmarkName, type LoadSettings } from './benchmarks';
import type { BudgetFile } from './budget-file';
import { compareWithStored, SUMMARY_FORMAT, type StoredResult } from './compare';
import { measureFrameCostUs } from './frame-cost';
import { emptyMeasurement, mergeMeasurements, type Measurement } from './measurement';
import { issueTicket, preparePlatform, probeVerify } from './platform-setup';
import { describeResult } from './results';
import { startBareServer, startPlatformProcess, type ServerProcess } from './servers';
import {
  decideVerdict,
  describeSpeed,
  judgeResults,
  LATENCY_NOTE,
  type BenchSummary,
} from './summary';
import { adaFrame, generatorOf, runRound, type BenchTargets } from './workloads';

export interface BenchOptions {
  /** In run order; each round visits them in this order. */
  benchmarks: BenchmarkName[];
  profile: LatencyProfile;
  budgets: BudgetFile;
  budgetsPath: string;
  stored?: { path: string; result: StoredResult };
  short: boolean;
  accuracy: boolean;
}

const AUTOCANNON_VERSION = (require('autocannon/package.json') as { version: string }).version;

/**
 * Starts the servers in their own processes, warms each benchmark up, measures them in
 * alternating rounds, runs the accuracy self-check, and judges the figures. Options
 * are checked before this is called: nothing here is bad input, only measurement.
 */
export async function runBench(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchSummary> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  const servers: ServerProcess[] = [];
  try {
    log('starting the mock platform and the bare server in their own processes');
    const targets = await startTargets(options, servers);
    const measured = await measureAll(options, targets, log);
    const accuracy = options.accuracy ? await runAccuracy(targets, options.short, log) : undefined;
    const frameCostUs = measureFrameCostUs(targets.frame);

    const results = options.benchmarks.map((name) => {
      const definition = findBenchmark(name)!;
      return describeResult(
        definition,
        settingsOf(name, options.short),
        generatorOf(name, AUTOCANNON_VERSION),
        measured.get(name)!,
      );
    });
    const judged = judgeResults(results, options.budgets);
    const finishedAt = new Date();
    return {
      format: SUMMARY_FORMAT,
      ...decideVerdict(judged, accuracy),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      wallSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
      short: options.short,
      profile: options.profile,
      profileText: describeLatencyProfile(options.profile),
      budgetsFile: options.budgetsPath,
      environment: describeEnvironment(loadBefore),
      benchmarks: judged,
      speed: describeSpeed(judged, frameCostUs),
      ...(accuracy ? { accuracy } : {}),
      ...(options.stored
        ? {
            comparison: compareWithStored(options.stored.path, options.stored.result, judged),
          }
        : {}),
      latencyNote: LATENCY_NOTE,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

export function settingsOf(name: BenchmarkName, short: boolean): LoadSettings {
  const { settings } = findBenchmark(name)!;
  return short ? shorten(settings) : settings;
}

/** The size of the verify endpoint's answer to an enrolled face; the probe confirms it. */
const EXPECTED_ANSWER_BYTES = JSON.stringify({
  verificationId: randomUUID(),
  result: 'match',
  score: 1,
}).length;

async function startTargets(
  options: BenchOptions,
  servers: ServerProcess[],
): Promise<BenchTargets> {
  // Both start at once: the ts-node start-up of each takes seconds.
  const wantsBare = options.benchmarks.includes('bare-http');
  const [platformStart, bareStart] = await Promise.allSettled([
    startPlatformProcess(),
    wantsBare ? startBareServer(EXPECTED_ANSWER_BYTES) : undefined,
  ]);
  if (platformStart.status === 'fulfilled') servers.push(platformStart.value);
  if (bareStart.status === 'fulfilled' && bareStart.value) servers.push(bareStart.value);
  if (platformStart.status === 'rejected') throw platformStart.reason;
  if (bareStart.status === 'rejected') throw bareStart.reason;
  const platform = platformStart.value;
  let bare = bareStart.value;

  // One real verification first: it must match, and the bare server must answer as much.
  const tenant = buildTenant();
  const frame = adaFrame(tenant);
  await preparePlatform(platform.urls, NO_LATENCY);
  const ticket = await issueTicket(platform.urls, tenant, findPerson(tenant, 'Ada'));
  const answerBytes = await probeVerify(platform.urls, ticket, frame);
  if (bare && answerBytes !== EXPECTED_ANSWER_BYTES) {
    await bare.stop();
    servers.splice(servers.indexOf(bare), 1);
    bare = await startBareServer(answerBytes);
    servers.push(bare);
  }
  return { platform, tenant, frame, ...(bare ? { bare } : {}) };
}

async function measureAll(
  options: BenchOptions,
  targets: BenchTargets,
  log: (line: string) => void,
) {
  const measured = new Map<BenchmarkName, Measurement>();
  for (const name of options.benchmarks) {
    const settings = settingsOf(name, options.short);
    log(`warming up ${name} (${settings.warmupSeconds} s, not measured)`);
    await runRound(name, targets, settings, settings.warmupSeconds, options.profile);
    measured.set(name, emptyMeasurement());
  }

  // Rounds alternate between benchmarks, so noise from elsewhere on the machine is shared.
  const rounds = Math.max(
    ...options.benchmarks.map((name) => settingsOf(name, options.short).rounds),
  );
  for (let round = 1; round <= rounds; round++) {
    for (const name of options.benchmarks) {
      const settings = settingsOf(name, options.short);
      if (round > settings.rounds) continue;
      log(
        `measuring ${name}, round ${round} of ${settings.rounds} (${settings.durationSeconds} s)`,
      );
      const measurement = await runRound(
        name,
        targets,
        settings,
        settings.durationSeconds,
        options.profile,
      );
      mergeMeasurements(measured.get(name)!, measurement);
    }
  }
  return measured;
}

async function runAccuracy(
  targets: BenchTargets,
  short: boolean,
  log: (line: string) => void,
): Promise<AccuracyResult> {
  log('accuracy self-check: 50 ms injected on the cloud, measured back');
  return checkAccuracy(targets, short);
}

function describeEnvironment(loadBefore: number[]): Record<string, unknown> {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
    loadAverageAfter: loadavg().map((l) => Math.round(l * 100) / 100),
    autocannon: AUTOCANNON_VERSION,
    processes:
      'load generator: this process; servers: one process for the mock platform, one for bare node:http',
  };
}
