import assert from 'node:assert/strict';
import { test } from 'node:test';

import { browserCandidates, findChromium } from '../harness/browser';
import { HarnessFault } from '../harness/errors';

test('CHROMIUM_PATH comes first, then Debian, then Playwright cache', () => {
  const sources = browserCandidates({ CHROMIUM_PATH: '/opt/chrome' }).map((c) => c.from);
  assert.equal(sources[0], 'CHROMIUM_PATH');
  assert.equal(sources[1], "Debian's chromium package");
});

test('a CHROMIUM_PATH that does not exist is a harness fault that says what to install', () => {
  assert.throws(
    () => findChromium({ CHROMIUM_PATH: '/nowhere/chromium' }),
    (e: Error) => e instanceof HarnessFault && /apt-get install -y chromium/.test(e.message),
  );
});
