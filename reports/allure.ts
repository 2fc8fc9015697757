import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { findRequirement, requirementIdOfTag } from '../requirements/catalogue';

interface AllureLabel {
  name: string;
  value: string;
}

/**
 * Adds the requirement catalogue to each Allure result: a `requirement` label per
 * @REQ tag, and epic/story labels so the Behaviors tab groups scenarios by area and
 * requirement. Done after the run, from the catalogue data, so the step code carries
 * no reporting calls.
 */
export function labelRequirements(resultsDir: string): number {
  let labelled = 0;
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, file);
    const result = JSON.parse(readFileSync(path, 'utf8')) as { labels: AllureLabel[] };
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
    if (ids.length > 0) labelled += 1;
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
export function generateReport(resultsDir: string, reportDir: string): { ok: boolean; output: string } {
  const allure = join(__dirname, '..', 'node_modules', '.bin', 'allure');
  // --single-file: one index.html that opens straight from disk (file://), as auditors will.
  const run = spawnSync(allure, ['generate', resultsDir, '-o', reportDir, '--clean', '--single-file'], { encoding: 'utf8' });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? run.error.message : ''}`.trim();
  return { ok: run.status === 0, output };
}
