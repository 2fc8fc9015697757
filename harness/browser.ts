import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

import { HarnessFault } from './errors';

/** Where a Chromium may be, in the order the harness looks. */
export function browserCandidates(env = process.env): { path: string; from: string }[] {
  const candidates: { path: string; from: string }[] = [];
  if (env.CHROMIUM_PATH) candidates.push({ path: env.CHROMIUM_PATH, from: 'CHROMIUM_PATH' });
  candidates.push({ path: '/usr/bin/chromium', from: "Debian's chromium package" });
  candidates.push({
    path: '/usr/bin/chromium-browser',
    from: 'a distribution chromium-browser package',
  });
  try {
    candidates.push({ path: chromium.executablePath(), from: "Playwright's browser cache" });
  } catch {
    // playwright-core knows no cached browser on this platform; nothing to add.
  }
  return candidates;
}

export const INSTALL_HINT =
  'No Chromium found. Install one with `apt-get install -y chromium` (Debian/Ubuntu), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

export function findChromium(env = process.env): string | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit && !existsSync(explicit)) {
    throw new HarnessFault(
      `CHROMIUM_PATH is set to ${explicit}, which does not exist. Point it at a Chromium or Chrome executable, or unset it to use the one installed (apt-get install -y chromium).`,
    );
  }
  return browserCandidates(env).find((c) => existsSync(c.path))?.path;
}

/**
 * Headless Chromium with a fake camera device. There is deliberately no
 * --use-fake-ui-for-media-stream: it would grant the camera even where a scenario
 * denies it, so permission is set per browser context instead.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new HarnessFault(INSTALL_HINT);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
    ],
  });
}
