/**
 * Makes sure a Chromium is there before the suite runs. Playwright cannot download
 * its own browser on these machines, so on Debian as root this installs the
 * distribution's `chromium`; elsewhere it says what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { findChromium, INSTALL_HINT } from '../harness/browser';

function canInstallWithApt(): boolean {
  return existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
}

function main(): void {
  const found = findChromium();
  if (found) {
    console.log(`Browser: ${found}`);
    return;
  }
  if (!canInstallWithApt()) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  console.log('No Chromium found; installing Debian\'s chromium package (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) {
    console.error(`apt-get finished but no Chromium was found. ${INSTALL_HINT}`);
    process.exit(1);
  }
  console.log(`Browser: ${installed}`);
}

main();
