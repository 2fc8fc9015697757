import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BenchSummary, JudgedResult } from './summary';

/**
 * The bench as Allure test results: one per benchmark (passed within budget, failed
 * over it, broken when the run could not be trusted) and one for the accuracy
 * self-check, each with the chart and its own figures attached. Allure reads them
 * beside the suite's results, so QA sees performance in the same report.
 */
const SUITE = 'Performance: npm run bench';
/** Every file the bench writes starts so, to tell them from the suite's in a joint report. */
const PREFIX = 'bench-';

interface Attachment {
  name: string;
  source: string;
  type: string;
}

export function writeAllureResults(dir: string, summary: BenchSummary, chartSvg: string): string[] {
  mkdirSync(dir, { recursive: true });
  const chart = attach(dir, 'latency and throughput chart', chartSvg, 'svg', 'image/svg+xml');
  const written = summary.benchmarks.map((result) => {
    const figures = attach(
      dir,
      `${result.name} figures`,
      JSON.stringify(result, null, 2),
      'json',
      'application/json',
    );
    return writeResult(dir, summary, {
      name: `Benchmark ${result.name}`,
      key: `bench:${result.name}`,
      status:
        summary.verdict === 'broken' ? 'broken' : result.verdict === 'pass' ? 'passed' : 'failed',
      message: describeChecks(result),
      description: `${result.measures}. ${result.load.modeNote}.`,
      parameters: parametersOf(summary, result),
      attachments: [chart, figures],
    });
  });
  if (summary.accuracy) {
    const a = summary.accuracy;
    written.push(
      writeResult(dir, summary, {
        name: 'Benchmark accuracy self-check',
        key: 'bench:accuracy',
        status: a.holds ? 'passed' : 'broken',
        message: `${a.injectedMs} ms injected, p50 measured ${a.measuredP50Ms} ms (${a.errorPercent}%, allowed ±${a.tolerancePercent}%)`,
        description: `With a fixed delay injected on the cloud, the measured median must come back within ${a.tolerancePercent}%: ${a.load}.`,
        parameters: [{ name: 'requests', value: String(a.requests) }],
        attachments: [chart],
      }),
    );
  }
  return written;
}

interface ResultSpec {
  name: string;
  key: string;
  status: 'passed' | 'failed' | 'broken';
  message: string;
  description: string;
  parameters: { name: string; value: string }[];
  attachments: Attachment[];
}

function writeResult(dir: string, summary: BenchSummary, spec: ResultSpec): string {
  const uuid = randomUUID();
  const result = {
    uuid,
    historyId: createHash('md5').update(spec.key).digest('hex'),
    testCaseId: createHash('md5').update(spec.key).digest('hex'),
    name: spec.name,
    fullName: spec.key,
    status: spec.status,
    statusDetails: { message: spec.message },
    stage: 'finished',
    description: spec.description,
    start: Date.parse(summary.startedAt),
    stop: Date.parse(summary.finishedAt),
    labels: [
      { name: 'suite', value: SUITE },
      { name: 'epic', value: 'Performance' },
      { name: 'feature', value: 'Face verification latency' },
      { name: 'tag', value: 'perf' },
    ],
    parameters: spec.parameters,
    attachments: spec.attachments,
    steps: [],
  };
  const path = join(dir, `${PREFIX}${uuid}-result.json`);
  writeFileSync(path, JSON.stringify(result, null, 2));
  return path;
}

function attach(
  dir: string,
  name: string,
  content: string,
  extension: string,
  type: string,
): Attachment {
  const source = `${PREFIX}${randomUUID()}-attachment.${extension}`;
  writeFileSync(join(dir, source), content);
  return { name, source, type };
}

function describeChecks(result: JudgedResult): string {
  const failed = result.budget.filter((c) => !c.ok);
  const shown = failed.length > 0 ? failed : result.budget;
  return `${failed.length > 0 ? 'over budget' : 'within budget'}: ${shown.map((c) => c.text).join('; ')}`;
}

function parametersOf(
  summary: BenchSummary,
  result: JudgedResult,
): { name: string; value: string }[] {
  return [
    { name: 'cloud latency profile', value: summary.profileText },
    {
      name: 'load',
      value: `${result.load.mode}, ${result.load.connections} connections, ${result.load.rounds} x ${result.load.secondsPerRound} s`,
    },
    { name: 'throughput (req/s)', value: String(result.throughputPerSecond) },
    {
      name: 'p50 / p95 / p99 (ms)',
      value: `${result.latencyMs.p50Ms} / ${result.latencyMs.p95Ms} / ${result.latencyMs.p99Ms}`,
    },
  ];
}
