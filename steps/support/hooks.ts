import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';

import { requestJson } from '../../clients/json-http';
import { HarnessFault } from '../../harness/errors';
import type { CheckoutWorld } from './world';
import { preparePhone, startWorker, stopWorker } from './worker';

// A step waits at most this long; the Locker page's own wait (10 s) ends first.
setDefaultTimeout(20_000);

BeforeAll({ timeout: 30_000 }, async function () {
  await startWorker();
});

AfterAll({ timeout: 30_000 }, async function () {
  await stopWorker();
});

Before(async function (this: CheckoutWorld) {
  await this.control.reset();
});

After({ timeout: 20_000 }, async function (this: CheckoutWorld, { result }) {
  if (result?.status === Status.FAILED && this.page && !this.page.isClosed()) {
    this.attach(await this.page.screenshot({ fullPage: true }), 'image/png');
  }
  if (this.plantedFaults) {
    const planted = (process.env.HARNESS_PLANTED_FAULTS ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    await requestJson(`${this.urls.control}/faults`, { method: 'PUT', body: { planted } });
  }

  // Closed in the background: nothing waits on a finished scenario's browser context.
  this.context?.close().catch(() => undefined);
  preparePhone();

  // Evidence for the report: every request the simulators saw, bodies never kept.
  const journal = await this.control.allJournals();
  this.attach(JSON.stringify(journal, null, 2), {
    mediaType: 'application/json',
    fileName: 'request-journal.json',
  });

  const unhandled = journal.filter((e) => !e.handled);
  if (unhandled.length > 0) {
    const list = unhandled.map((e) => `${e.method} ${e.service}${e.path}`).join('; ');
    throw new HarnessFault(
      `Unhandled request(s) reached the mock platform, so this result cannot be trusted: ${list}`,
    );
  }
});
