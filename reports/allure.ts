import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type * as messages from '@cucumber/messages';

import { findRequirement, requirementIdOfTag } from '../requirements/catalogue';

interface AllureLabel {
  name: string;
  value: string;
}

interface AllureResult {
  fullName?: string;
  labels: AllureLabel[];
  links: { type?: string; name?: string; url: string }[];
}

/** Tags of the form `@name:value` that become Allure labels (BR-12). */
const TAG_LABELS = ['severity', 'feature', 'epic', 'owner'];

/** Where `@issue:KEY` links point; `%s` is the key. A setting, the tracker is the team's. */
export const ISSUE_URL_TEMPLATE =
  process.env.HARNESS_ISSUE_URL ?? 'https://issues.invalid/browse/%s';

/** `uri#scenario name` → the name of the Rule the scenario sits under, from the run's messages. */
export function rulesOfScenarios(envelopes: messages.Envelope[]): Map<string, string> {
  const ruleOfNode = new Map<string, string>();
  for (const e of envelopes) {
    for (const child of e.gherkinDocument?.feature?.children ?? []) {
      for (const inner of child.rule?.children ?? []) {
        if (inner.scenario) ruleOfNode.set(inner.scenario.id, child.rule!.name);
      }
    }
  }
  const rules = new Map<string, string>();
  for (const e of envelopes) {
    const rule = e.pickle && ruleOfNode.get(e.pickle.astNodeIds[0] ?? '');
    if (e.pickle && rule) rules.set(`${e.pickle.uri}#${e.pickle.name}`, rule);
  }
  return rules;
}

function withTagLabels(result: AllureResult): void {
  const tags = result.labels.filter((l) => l.name === 'tag').map((l) => l.value);
  for (const tag of tags) {
    const match = /^@(\w+):(.+)$/.exec(tag);
    if (!match) continue;
    const [, name, value] = match as unknown as [string, string, string];
    if (TAG_LABELS.includes(name)) {
      // A tag-given label replaces the one derived by default (feature name, severity "normal").
      result.labels = result.labels.filter((l) => l.name !== name);
      result.labels.push({ name, value });
    } else if (name === 'issue') {
      result.links.push({
        type: 'issue',
        name: value,
        url: ISSUE_URL_TEMPLATE.replace('%s', encodeURIComponent(value)),
      });
    }
  }
}

function withRequirements(result: AllureResult): boolean {
  const ids = result.labels
    .filter((l) => l.name === 'tag')
    .map((l) => requirementIdOfTag(l.value))
    .filter((id): id is string => id !== undefined);
  for (const id of ids) {
    const requirement = findRequirement(id);
    result.labels.push({ name: 'requirement', value: id });
    if (!requirement) continue;
    result.labels.push({ name: 'epic', value: requirement.area });
    result.labels.push({ name: 'story', value: `${id}: ${requirement.statement}` });
  }
  return ids.length > 0;
}

/**
 * Adds what the Allure formatter leaves out, after the run: a `requirement` label per
 * @REQ tag with epic/story labels from the catalogue (so Behaviors groups by area and
 * requirement), labels and issue links from `@name:value` tags, and the Rule a
 * scenario sits under as its sub-suite. The step code carries no reporting calls.
 */
export function enrichResults(resultsDir: string, rules: Map<string, string> = new Map()): number {
  let labelled = 0;
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, file);
    const result = JSON.parse(readFileSync(path, 'utf8')) as AllureResult;
    result.links ??= [];
    withTagLabels(result);
    if (withRequirements(result)) labelled += 1;
    const rule = rules.get(result.fullName?.split(':').slice(1).join(':') ?? '');
    if (rule) result.labels.push({ name: 'subSuite', value: rule });
    writeFileSync(path, JSON.stringify(result));
  }
  return labelled;
}

/** Allure categories that keep findings and harness faults apart (DESIGN section 6). */
export function writeCategories(resultsDir: string): void {
  const categories = [
    { name: 'Findings: the system or its settings are non-compliant', matchedStatuses: ['failed'] },
    { name: 'Harness faults: the harness could not test', matchedStatuses: ['broken'] },
    { name: 'Skipped with a reason', matchedStatuses: ['skipped'] },
  ];
  writeFileSync(join(resultsDir, 'categories.json'), JSON.stringify(categories, null, 2));
}

export function writeEnvironment(resultsDir: string, versions: Record<string, string>): void {
  const lines = Object.entries(versions).map(([k, v]) => `${k}=${v}`);
  writeFileSync(join(resultsDir, 'environment.properties'), `${lines.join('\n')}\n`);
}

/** Builds the HTML report with allure-commandline (it needs Java). */
export function generateReport(
  resultsDir: string,
  reportDir: string,
): { ok: boolean; output: string } {
  const allure = join(__dirname, '..', 'node_modules', '.bin', 'allure');
  // --single-file: one index.html that opens straight from disk (file://), as auditors will.
  const run = spawnSync(
    allure,
    ['generate', resultsDir, '-o', reportDir, '--clean', '--single-file'],
    { encoding: 'utf8' },
  );
  const output =
    `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? run.error.message : ''}`.trim();
  return { ok: run.status === 0, output };
}
