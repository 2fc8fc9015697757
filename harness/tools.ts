import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { findChromium, INSTALL_HINT } from './browser';

/**
 * The two programs outside npm the harness needs. Playwright cannot download its own
 * browser on these machines, so on Debian as root the distribution's `chromium` is
 * installed; allure-commandline needs Java. Elsewhere the answer says what to install.
 */
const canUseApt = () => existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;

function aptInstall(pkg: string, updated: { done: boolean }): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated.done) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  updated.done = true;
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
}

function findJava(): string | undefined {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return run.status === 0 ? (run.stderr.split('\n')[0] ?? 'java') : undefined;
}

function safely(find: () => string | undefined): { found?: string; error?: string } {
  try {
    return { found: find() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const TOOLS = [
  { what: 'Chromium', find: () => findChromium(), pkg: 'chromium', hint: INSTALL_HINT },
  {
    what: 'Java (for the Allure report)',
    find: findJava,
    pkg: 'default-jre-headless',
    hint: 'No Java found; the Allure report needs Java 8 or later (`apt-get install -y default-jre-headless`).',
  },
];

/** Finds, or installs where it can, every tool; returns the problems left, if any. */
export function ensureTools(log: (line: string) => void = console.log): string[] {
  const problems: string[] = [];
  const updated = { done: false };
  for (const tool of TOOLS) {
    let { found, error } = safely(tool.find);
    if (error) {
      problems.push(error);
      continue;
    }
    if (!found && canUseApt()) {
      log(`No ${tool.what} found; installing Debian's ${tool.pkg} package...`);
      aptInstall(tool.pkg, updated);
      ({ found, error } = safely(tool.find));
    }
    if (found) log(`${tool.what}: ${found}`);
    else problems.push(error ?? tool.hint);
  }
  return problems;
}
