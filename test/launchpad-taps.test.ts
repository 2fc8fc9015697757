import assert from 'node:assert/strict';
import { test } from 'node:test';

import { requestJson } from '../clients/json-http';
import { findPerson } from '../fixtures/tenant';
import { usePlatform } from './support/platform';

const platform = usePlatform();

test('two taps at once on one Launchpad get two different phones, a third gets none', async () => {
  const running = platform();
  await running.platform.reset();
  const tenant = running.platform.state.tenant;
  const tap = (key: string) =>
    requestJson(`${running.urls.mam}/api/v1/launchpads/LP-ICU-1/taps`, {
      body: { badgeId: findPerson(tenant, key).badgeId },
    });

  const answers = await Promise.all([tap('Ada'), tap('Omar'), tap('Priya')]);
  const handedOut = answers.filter((a) => a.status === 201).map((a) => a.body.deviceId);
  assert.equal(new Set(handedOut).size, 2, `phones handed out: ${handedOut.join(', ')}`);
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 409]);
});
