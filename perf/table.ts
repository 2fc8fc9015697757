import { NOISY } from './results';
import type { BenchSummary, JudgedResult } from './summary';

/** The console report: one row per benchmark, then what the figures mean. */
export function formatSummary(summary: BenchSummary, files: string[]): string {
  const lines = [
    `Face verification benchmarks${summary.short ? ' (short run: machinery check, figures are rough)' : ''}`,
    `cloud latency profile: ${summary.profileText}; budgets: ${summary.budgetsFile}`,
    '',
    ...formatTable(summary.benchmarks),
    '',
    ...summary.benchmarks.map(formatLoadLine),
    ...summary.benchmarks.flatMap(formatFlow),
  ];
  if (summary.speed) lines.push('', `speed: ${summary.speed.explanation}`);
  if (summary.accuracy) {
    const a = summary.accuracy;
    const others =
      a.otherProcesses === undefined ? '' : `; other processes used ${a.otherProcesses} cores`;
    lines.push(
      '',
      `accuracy self-check: ${a.injectedMs} ms injected, p50 ${a.measuredP50Ms} ms (${signed(a.errorPercent)}%, allowed ±${a.tolerancePercent}%) over ${a.requests} requests: ${a.holds ? 'holds' : 'MISSED'}${others}`,
      `  (${a.load}; without the injection p50 was ${a.endpointP50Ms} ms)`,
    );
  }
  if (summary.comparison) lines.push('', ...formatComparison(summary));
  const failures = summary.benchmarks.flatMap((r) =>
    r.budget.filter((c) => !c.ok).map((c) => `  ${r.name}: ${c.text}`),
  );
  if (failures.length > 0) lines.push('', 'over budget:', ...failures);
  lines.push('', ...files.map((f) => `wrote ${f}`));
  lines.push(
    '',
    `verdict: ${summary.verdict.toUpperCase()} (${summary.verdictReason}) in ${summary.wallSeconds} s`,
  );
  return lines.join('\n');
}

function formatTable(results: JudgedResult[]): string[] {
  const header = [
    'benchmark',
    'sent',
    'completed',
    'in flight',
    'req/s',
    'x bare',
    'p50 ms',
    'p90',
    'p97.5',
    'p99',
    'max',
    'errors',
    'timeouts',
    'non-2xx',
    'budget',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.requests.sent),
    String(r.requests.completed),
    String(r.requests.notCompleted.count),
    r.throughputPerSecond.toFixed(0),
    r.throughputRatioToBare === undefined ? '-' : r.throughputRatioToBare.toFixed(3),
    ms(r.latencyMs.p50Ms),
    ms(r.latencyMs.p90Ms),
    ms(r.latencyMs.p97_5Ms),
    ms(r.latencyMs.p99Ms),
    ms(r.latencyMs.maxMs),
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    r.verdict === 'pass' ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format)];
}

function formatLoadLine(r: JudgedResult): string {
  const load = r.load;
  const mode =
    load.mode === 'fixed-rate' ? `fixed rate ${load.requestsPerSecond}/s` : 'closed loop';
  const cpu = r.cpu.server === undefined ? '' : `, server CPU ${Math.round(r.cpu.server * 100)}%`;
  const others =
    r.cpu.otherProcesses === undefined
      ? ''
      : `, other processes ${r.cpu.otherProcesses} cores${r.cpu.otherProcesses >= NOISY ? ' (NOISY)' : ''}`;
  return `${r.name}: ${mode}, ${load.connections} connections, pipelining ${load.pipelining}, ${load.rounds} x ${load.secondsPerRound} s by ${load.generator}; generator CPU ${Math.round(r.cpu.generator * 100)}%${cpu}${others}; limited by ${r.cpu.limitedBy}`;
}

function formatFlow(r: JudgedResult): string[] {
  if (!r.flowMs || !r.stepsMs) return [];
  const steps = Object.entries(r.stepsMs).map(
    ([step, s]) => `${step} p50 ${ms(s.p50Ms)} / p99 ${ms(s.p99Ms)}`,
  );
  return [
    `${r.name} flows: ${r.flowMs.count} checked out and in, badge tap to check-in p50 ${ms(r.flowMs.p50Ms)} ms, p99 ${ms(r.flowMs.p99Ms)} ms; per step (ms): ${steps.join(', ')}`,
  ];
}

function formatComparison(summary: BenchSummary): string[] {
  const c = summary.comparison!;
  const rows = c.benchmarks.map((b) => {
    const ratio = b.ratioChange === undefined ? '' : `, x bare ${signed(b.ratioChange)}`;
    return `  ${b.name}: req/s ${signed(b.throughputPercent)}%, p50 ${signed(b.p50Percent)}%, p95 ${signed(b.p95Percent)}%, p99 ${signed(b.p99Percent)}%${ratio}`;
  });
  return [`against the stored result ${c.path} (${c.recordedAt}, ${c.recordedOn}):`, ...rows];
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
