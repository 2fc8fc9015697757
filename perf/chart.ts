import type { BudgetFile } from './budget-file';
import type { StoredResult } from './compare';
import type { BenchSummary, JudgedResult } from './summary';
import { circle, element, escapeXml, line, polyline, rect, text } from './svg';

/**
 * reports/out/perf/chart.svg: latency against percentile for every benchmark on one
 * log-log plot (the tail, where budgets bite, gets the room), budget marks at p95 and
 * p99, the stored result dashed; and throughput bars with the ratio to bare-http.
 */
const WIDTH = 980;
const HEIGHT = 500;
const PLOT = { left: 70, right: 600, top: 100, bottom: 430 };
const BARS = { left: 690, right: 950, top: 120 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
const FONT = 'font-family="system-ui, sans-serif"';

/** Percentile to "nines": 90 is 1, 99 is 2, 99.9 is 3; the maximum is drawn at 4.5. */
function nines(percentile: number): number {
  return percentile >= 100 ? 4.5 : -Math.log10(1 - percentile / 100);
}

export function renderChart(
  summary: BenchSummary,
  budgets: BudgetFile,
  stored?: StoredResult,
): string {
  const curves = summary.benchmarks.filter((r) => r.latencyCurve.length > 0);
  const all = curves.flatMap((r) => r.latencyCurve.map((p) => p.ms));
  const budgetValues = curves.flatMap((r) => {
    const b = budgets.benchmarks[r.name as keyof BudgetFile['benchmarks']];
    return b ? [b.maxP95Ms, b.maxP99Ms] : [];
  });
  const low = Math.pow(10, Math.floor(Math.log10(Math.max(0.01, Math.min(...all, 1)))));
  const high = Math.pow(10, Math.ceil(Math.log10(Math.max(...all, ...budgetValues, 1))));
  const x = (p: number) => PLOT.left + (nines(p) / 4.5) * (PLOT.right - PLOT.left);
  const y = (ms: number) => {
    const share =
      (Math.log10(Math.max(ms, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
    return PLOT.bottom - share * (PLOT.bottom - PLOT.top);
  };

  const parts = [
    rect(0, 0, WIDTH, HEIGHT, { fill: 'white' }),
    text(20, 30, `Face verification benchmarks: ${summary.verdict.toUpperCase()}`, {
      'font-size': 20,
      'font-weight': 'bold',
      fill: summary.verdict === 'pass' ? '#2a7a2a' : '#b22222',
    }),
    text(
      20,
      52,
      `${summary.finishedAt}, cloud profile ${summary.profileText}${summary.short ? ', short run' : ''}`,
      { 'font-size': 12, fill: '#555' },
    ),
    ...drawAxes(x, y, low, high),
  ];
  curves.forEach((result, i) =>
    parts.push(...drawCurve(result, COLOURS[i % COLOURS.length]!, x, y, budgets, stored)),
  );
  parts.push(...drawBars(summary.benchmarks, budgets));
  parts.push(...drawLegend(summary.benchmarks, stored !== undefined));

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ${FONT}>\n${parts.join('\n')}\n</svg>\n`;
}

function drawAxes(
  x: (p: number) => number,
  y: (ms: number) => number,
  low: number,
  high: number,
): string[] {
  const parts = [
    text(PLOT.left, PLOT.top - 12, 'Latency by percentile (ms, log scale)', {
      'font-size': 14,
      'font-weight': 'bold',
    }),
  ];
  for (let decade = low; decade <= high * 1.0001; decade *= 10) {
    parts.push(line(PLOT.left, y(decade), PLOT.right, y(decade), { stroke: '#ddd' }));
    parts.push(
      text(PLOT.left - 8, y(decade) + 4, formatMs(decade), {
        'font-size': 11,
        'text-anchor': 'end',
        fill: '#555',
      }),
    );
  }
  for (const [p, label] of [
    [0, 'min'],
    [50, 'p50'],
    [90, 'p90'],
    [95, 'p95'],
    [99, 'p99'],
    [99.9, 'p99.9'],
    [99.99, 'p99.99'],
    [100, 'max'],
  ] as const) {
    parts.push(line(x(p), PLOT.top, x(p), PLOT.bottom, { stroke: '#eee' }));
    parts.push(
      text(x(p), PLOT.bottom + 16, label, {
        'font-size': 11,
        'text-anchor': 'middle',
        fill: '#555',
      }),
    );
  }
  parts.push(line(PLOT.left, PLOT.bottom, PLOT.right, PLOT.bottom, { stroke: '#888' }));
  parts.push(line(PLOT.left, PLOT.top, PLOT.left, PLOT.bottom, { stroke: '#888' }));
  return parts;
}

function drawCurve(
  result: JudgedResult,
  colour: string,
  x: (p: number) => number,
  y: (ms: number) => number,
  budgets: BudgetFile,
  stored?: StoredResult,
): string[] {
  const parts = [
    polyline(
      result.latencyCurve.map((p) => [x(p.percentile), y(p.ms)]),
      { stroke: colour, 'stroke-width': 2.5 },
    ),
  ];
  const before = stored?.benchmarks.find((b) => b.name === result.name);
  if (before?.latencyCurve?.length) {
    const points = before.latencyCurve.map((p): [number, number] => [x(p.percentile), y(p.ms)]);
    parts.push(
      polyline(points, {
        stroke: colour,
        'stroke-width': 1.2,
        'stroke-dasharray': '5 4',
        opacity: 0.7,
      }),
    );
  }
  const budget = budgets.benchmarks[result.name as keyof BudgetFile['benchmarks']];
  if (budget) {
    for (const [p, limit] of [
      [95, budget.maxP95Ms],
      [99, budget.maxP99Ms],
    ] as const) {
      const mark = line(x(p) - 14, y(limit), x(p) + 14, y(limit), {
        stroke: colour,
        'stroke-width': 3,
        'stroke-linecap': 'round',
        opacity: 0.55,
      });
      parts.push(
        element(
          'g',
          {},
          element('title', {}, escapeXml(`${result.name} p${p} budget ${limit} ms`)) + mark,
        ),
      );
    }
  }
  for (const check of result.budget.filter(
    (c) => !c.ok && (c.what === 'p95' || c.what === 'p99'),
  )) {
    parts.push(
      circle(x(check.what === 'p95' ? 95 : 99), y(check.measured), 6, {
        fill: 'none',
        stroke: '#b22222',
        'stroke-width': 2,
      }),
    );
  }
  return parts;
}

function drawBars(results: JudgedResult[], budgets: BudgetFile): string[] {
  const parts = [
    text(BARS.left - 10, PLOT.top - 12, 'Throughput (requests/s)', {
      'font-size': 14,
      'font-weight': 'bold',
    }),
  ];
  const most = Math.max(1, ...results.map((r) => r.throughputPerSecond));
  const bare = results.find((r) => r.name === 'bare-http')?.throughputPerSecond;
  const span = BARS.right - BARS.left;
  results.forEach((result, i) => {
    const top = BARS.top + i * 62;
    const colour = COLOURS[i % COLOURS.length]!;
    parts.push(text(BARS.left, top, result.name, { 'font-size': 12, 'font-weight': 'bold' }));
    parts.push(
      rect(BARS.left, top + 6, (result.throughputPerSecond / most) * span, 18, {
        fill: colour,
        opacity: 0.8,
      }),
    );
    const ratio =
      result.throughputRatioToBare === undefined || result.name === 'bare-http'
        ? ''
        : `, x${result.throughputRatioToBare} of bare`;
    parts.push(
      text(
        BARS.left,
        top + 40,
        `${Math.round(result.throughputPerSecond).toLocaleString('en')} req/s${ratio}`,
        { 'font-size': 11, fill: '#333' },
      ),
    );
    const minRatio =
      budgets.benchmarks[result.name as keyof BudgetFile['benchmarks']]?.minThroughputRatio;
    if (minRatio !== undefined && bare) {
      const at = BARS.left + ((bare * minRatio) / most) * span;
      parts.push(line(at, top + 2, at, top + 28, { stroke: '#b22222', 'stroke-width': 2 }));
    }
  });
  return parts;
}

function drawLegend(results: JudgedResult[], withStored: boolean): string[] {
  const top = PLOT.bottom + 40;
  const parts: string[] = [];
  results.forEach((result, i) => {
    const left = PLOT.left + i * 240;
    parts.push(
      line(left, top, left + 24, top, {
        stroke: COLOURS[i % COLOURS.length]!,
        'stroke-width': 3,
      }),
    );
    const mark = result.verdict === 'pass' ? 'within budget' : 'OVER BUDGET';
    parts.push(
      text(left + 30, top + 4, `${result.name}: ${mark}`, {
        'font-size': 12,
        fill: result.verdict === 'pass' ? '#222' : '#b22222',
      }),
    );
  });
  const notes = `short thick marks: p95/p99 budgets; red circle: over budget; red tick on a bar: minimum throughput${withStored ? '; dashed: stored result' : ''}`;
  parts.push(text(PLOT.left, top + 24, notes, { 'font-size': 11, fill: '#555' }));
  return parts;
}

function formatMs(ms: number): string {
  return ms >= 1 ? String(ms) : ms.toFixed(Math.max(0, -Math.floor(Math.log10(ms))));
}
