import type { Summary } from './summary';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The run's summary for a console or CI log: verdict first, then what to look at. */
export function printSummary(
  summary: Summary,
  where: { out: string; report: string; wallMs: number },
): void {
  const { counts, durationMs: d, requirements: r } = summary;
  const lines = [
    '',
    `Verdict: ${summary.verdict.toUpperCase()} (${summary.verdictReason})`,
    `Scenarios: ${counts.total} run: ${counts.passed} passed, ${counts.failed} failed, ${counts.broken} broken, ${counts.skipped} skipped`,
    `Durations: run ${seconds(d.run)}, whole command ${seconds(where.wallMs)}; ` +
      `browser scenario mean ${d.browserScenarioMean} ms, max ${d.browserScenarioMax} ms; all scenarios mean ${d.scenarioMean} ms`,
    `Requirements: ${r.covered} covered, ${r.partial} partial, ${r.failing} failing, ${r.notCovered} not yet covered (of ${r.items.length})`,
  ];
  for (const s of summary.scenarios.filter(
    (x) => x.outcome === 'failed' || x.outcome === 'broken',
  )) {
    lines.push(
      `  ${s.outcome.toUpperCase()}: ${s.feature} / ${s.name}`,
      `    ${(s.error ?? '').split('\n')[0]}`,
    );
  }
  lines.push(
    `Reports: ${where.out} (summary.json, junit.xml, cucumber.ndjson, allure-results/; SHA256SUMS for sha256sum -c)`,
    `Allure report: ${where.report}`,
  );
  console.log(lines.join('\n'));
}
