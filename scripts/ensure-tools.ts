/**
 * Runs before `npm start` and `npm test`: makes sure the two programs outside npm are
 * there. Playwright cannot download its own browser on these machines, so on Debian
 * as root this installs the distribution's `chromium`; allure-commandline needs Java.
 * Elsewhere it says what to install and stops.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { findChromium, INSTALL_HINT } from '../harness/browser';

const canUseApt = existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
let aptUpdated = false;

function aptInstall(pkg: string): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  aptUpdated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
}

function ensure(what: string, find: () => string | undefined, pkg: string, hint: string): void {
  const found = find();
  if (found) {
    console.log(`${what}: ${found}`);
    return;
  }
  if (!canUseApt) {
    console.error(hint);
    process.exit(1);
  }
  console.log(`No ${what} found; installing Debian's ${pkg} package...`);
  aptInstall(pkg);
  const installed = find();
  if (!installed) {
    console.error(`apt-get finished but still no ${what}. ${hint}`);
    process.exit(1);
  }
  console.log(`${what}: ${installed}`);
}

function findJava(): string | undefined {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return run.status === 0 ? (run.stderr.split('\n')[0] ?? 'java') : undefined;
}

ensure('Chromium', findChromium, 'chromium', INSTALL_HINT);
ensure('Java (for the Allure report)', findJava, 'default-jre-headless', 'No Java found; the Allure report needs Java 8 or later (`apt-get install -y default-jre-headless`).');
