import { readFileSync } from 'node:fs';
import type * as messages from '@cucumber/messages';

import { findRequirement, REQUIREMENTS, requirementIdOfTag } from '../requirements/catalogue';
import { errorOf, outcomeOf, type Outcome } from './outcomes';

export interface ScenarioResult {
  name: string;
  feature: string;
  uri: string;
  outcome: Outcome;
  durationMs: number;
  browser: boolean;
  kind: ScenarioKind;
  /** Requirements this scenario proves in the other sense (`@compliant:CO-06` on a must-fail scenario). */
  kindFor: Record<string, ScenarioKind>;
  requirements: string[];
  tags: string[];
  error?: string;
}

export type ScenarioKind = 'compliant' | 'must-fail' | 'other';

/**
 * A scenario is `@compliant` or `@must-fail` for all its requirements, unless a tag such
 * as `@compliant:CO-06` says otherwise for one: camera denied is a caught failure for
 * PRE-10 (the user must grant the camera) and the compliant behaviour for CO-06.
 */
export function kindsOf(tags: string[]): {
  kind: ScenarioKind;
  kindFor: Record<string, ScenarioKind>;
} {
  const kind: ScenarioKind = tags.includes('@must-fail')
    ? 'must-fail'
    : tags.includes('@compliant')
      ? 'compliant'
      : 'other';
  const kindFor: Record<string, ScenarioKind> = {};
  for (const tag of tags) {
    const match = /^@(compliant|must-fail):([A-Z]+-\d+)$/.exec(tag);
    if (match) kindFor[match[2]!] = match[1] as ScenarioKind;
  }
  return { kind, kindFor };
}

export type CoverageStatus = 'covered' | 'partial' | 'failing' | 'not covered';

export interface RequirementCoverage {
  id: string;
  statement: string;
  status: CoverageStatus;
  compliant: number;
  mustFail: number;
  scenarios: number;
}

export interface Summary {
  verdict: 'pass' | 'fail';
  verdictReason: string;
  counts: Record<Outcome, number> & { total: number };
  durationMs: {
    run: number;
    scenarioMean: number;
    browserScenarioMean: number;
    browserScenarioMax: number;
  };
  requirements: {
    covered: number;
    partial: number;
    failing: number;
    notCovered: number;
    unknownTags: string[];
    items: RequirementCoverage[];
  };
  scenarios: ScenarioResult[];
  versions: Record<string, string>;
  startedAt?: string;
  finishedAt?: string;
}

export function readEnvelopes(path: string): messages.Envelope[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as messages.Envelope);
}

const toMs = (t: messages.Timestamp) => Number(t.seconds) * 1000 + t.nanos / 1e6;
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Scenario results from the cucumber messages of a run: the last attempt of each test case. */
export function scenarioResults(envelopes: messages.Envelope[]): ScenarioResult[] {
  const pickles = new Map<string, messages.Pickle>();
  const features = new Map<string, string>();
  const testCases = new Map<string, messages.TestCase>();
  const started = new Map<string, messages.TestCaseStarted>();
  const steps = new Map<string, messages.TestStepResult[]>();
  const finished: { started: messages.TestCaseStarted; at: messages.Timestamp }[] = [];

  for (const e of envelopes) {
    if (e.gherkinDocument?.uri && e.gherkinDocument.feature)
      features.set(e.gherkinDocument.uri, e.gherkinDocument.feature.name);
    if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) testCases.set(e.testCase.id, e.testCase);
    if (e.testCaseStarted) started.set(e.testCaseStarted.id, e.testCaseStarted);
    if (e.testStepFinished) {
      const list = steps.get(e.testStepFinished.testCaseStartedId) ?? [];
      list.push(e.testStepFinished.testStepResult);
      steps.set(e.testStepFinished.testCaseStartedId, list);
    }
    if (e.testCaseFinished && !e.testCaseFinished.willBeRetried) {
      const s = started.get(e.testCaseFinished.testCaseStartedId);
      if (s) finished.push({ started: s, at: e.testCaseFinished.timestamp });
    }
  }

  return finished.map(({ started: s, at }) => {
    const pickle = pickles.get(testCases.get(s.testCaseId)!.pickleId)!;
    const tags = pickle.tags.map((t) => t.name);
    const results = steps.get(s.id) ?? [];
    const outcome = outcomeOf(results);
    return {
      name: pickle.name,
      feature: features.get(pickle.uri) ?? pickle.uri,
      uri: pickle.uri,
      outcome,
      durationMs: Math.round(toMs(at) - toMs(s.timestamp)),
      browser: tags.includes('@browser'),
      ...kindsOf(tags),
      requirements: tags.map(requirementIdOfTag).filter((id): id is string => id !== undefined),
      tags,
      ...(outcome === 'failed' || outcome === 'broken' ? { error: errorOf(results) } : {}),
    };
  });
}

/**
 * DESIGN section 4: a requirement is covered when a passing scenario proves the
 * compliant case and another proves a planted misconfiguration is caught.
 */
export function requirementCoverage(scenarios: ScenarioResult[]): Summary['requirements'] {
  const items = REQUIREMENTS.map((req): RequirementCoverage => {
    const mine = scenarios.filter((s) => s.requirements.includes(req.id));
    const passing = mine.filter((s) => s.outcome === 'passed');
    const kindFor = (s: ScenarioResult) => s.kindFor[req.id] ?? s.kind;
    const compliant = passing.filter((s) => kindFor(s) === 'compliant').length;
    const mustFail = passing.filter((s) => kindFor(s) === 'must-fail').length;
    const status: CoverageStatus = mine.some(
      (s) => s.outcome === 'failed' || s.outcome === 'broken',
    )
      ? 'failing'
      : compliant > 0 && mustFail > 0
        ? 'covered'
        : compliant + mustFail > 0
          ? 'partial'
          : 'not covered';
    return {
      id: req.id,
      statement: req.statement,
      status,
      compliant,
      mustFail,
      scenarios: mine.length,
    };
  });
  const unknownTags = [...new Set(scenarios.flatMap((s) => s.requirements))].filter(
    (id) => !findRequirement(id),
  );
  const count = (status: CoverageStatus) => items.filter((i) => i.status === status).length;
  return {
    covered: count('covered'),
    partial: count('partial'),
    failing: count('failing'),
    notCovered: count('not covered'),
    unknownTags,
    items,
  };
}

export function buildSummary(
  envelopes: messages.Envelope[],
  versions: Record<string, string>,
): Summary {
  const scenarios = scenarioResults(envelopes);
  const counts = { total: scenarios.length, passed: 0, failed: 0, broken: 0, skipped: 0 };
  for (const s of scenarios) counts[s.outcome] += 1;

  const runStart = envelopes.find((e) => e.testRunStarted)?.testRunStarted?.timestamp;
  const runEnd = envelopes.find((e) => e.testRunFinished)?.testRunFinished?.timestamp;
  const browserTimes = scenarios.filter((s) => s.browser).map((s) => s.durationMs);
  const requirements = requirementCoverage(scenarios);

  const reasons: string[] = [];
  if (counts.total === 0) reasons.push('empty selection: no scenario ran');
  else if (counts.passed === 0) reasons.push('no scenario passed (all skipped, or a dry run)');
  if (counts.failed > 0) reasons.push(`${counts.failed} scenario(s) failed`);
  if (counts.broken > 0) reasons.push(`${counts.broken} scenario(s) broken`);
  if (requirements.unknownTags.length > 0)
    reasons.push(`unknown requirement tag(s): ${requirements.unknownTags.join(', ')}`);
  if (!runEnd) reasons.push('the run did not finish');

  return {
    verdict: reasons.length === 0 ? 'pass' : 'fail',
    verdictReason: reasons.length === 0 ? 'every scenario passed' : reasons.join('; '),
    counts,
    durationMs: {
      run: runStart && runEnd ? Math.round(toMs(runEnd) - toMs(runStart)) : 0,
      scenarioMean: Math.round(mean(scenarios.map((s) => s.durationMs))),
      browserScenarioMean: Math.round(mean(browserTimes)),
      browserScenarioMax: Math.max(0, ...browserTimes),
    },
    requirements,
    scenarios,
    versions,
    startedAt: runStart ? new Date(toMs(runStart)).toISOString() : undefined,
    finishedAt: runEnd ? new Date(toMs(runEnd)).toISOString() : undefined,
  };
}
