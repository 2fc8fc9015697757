import assert from 'node:assert/strict';
import { test } from 'node:test';

import { frameHeaders } from '../clients/face-frames';
import { requestJson } from '../clients/json-http';
import { usePlatform } from './support/platform';

const platform = usePlatform();

async function raw(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as any };
}

test('malformed JSON gets 400 from every service, and each keeps serving', async () => {
  const { urls } = platform();
  for (const [name, url] of Object.entries({
    graph: urls.graph,
    eam: urls.eam,
    cloud: urls.cloud,
    mam: urls.mam,
  })) {
    const answer = await raw(`${url}/api/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    assert.equal(answer.status, 400, name);
    assert.equal(answer.body.error.code, 'BadRequest', name);
    if (name === 'graph')
      assert.ok(answer.body.error.innerError['request-id'], 'Graph errors carry a request-id');
  }
  const health = await requestJson(`${urls.control}/health`);
  assert.equal(health.status, 200);
});

test('a wrong content type gets 415', async () => {
  const { urls } = platform();
  const answer = await raw(`${urls.mam}/api/v1/launchpads/LP-ICU-1/taps`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'badge',
  });
  assert.equal(answer.status, 415);
});

test('a huge body gets 413, not a crash, whether JSON or a camera frame', async () => {
  const { urls } = platform();
  const json = await raw(`${urls.cloud}/api/v1/face/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userPrincipalName: 'x', consent: true, image: 'A'.repeat(2_000_000) }),
  });
  assert.equal(json.status, 413);
  const frame = await raw(`${urls.cloud}/api/v1/face/verify`, {
    method: 'POST',
    headers: frameHeaders('t'),
    body: Buffer.alloc(2_000_000),
  });
  assert.equal(frame.status, 413);
  assert.equal(frame.body.error.code, 'RequestEntityTooLarge');
});

test('an unknown route gets 404 and is journalled as unhandled', async () => {
  const running = platform();
  const answer = await raw(`${running.urls.eam}/api/v1/nowhere`, {
    headers: { authorization: `Bearer ${running.platform.state.eam.apiKey}` },
  });
  assert.equal(answer.status, 404);
  const journal = running.platform.services.eam.journal.list();
  const entry = journal.at(-1)!;
  assert.equal(entry.path, '/api/v1/nowhere');
  assert.equal(entry.handled, false);
});

test('EAM answers 404 for a Launchpad that is not one of its computers', async () => {
  const running = platform();
  const answer = await requestJson(`${running.urls.eam}/api/v1/launchpads/NOPE/computer-policy`, {
    headers: { authorization: `Bearer ${running.platform.state.eam.apiKey}` },
  });
  assert.equal(answer.status, 404);
  assert.equal(answer.body.error.code, 'host_unknown');
});

test('EAM and the cloud refuse calls without their secrets', async () => {
  const { urls } = platform();
  assert.equal((await requestJson(`${urls.eam}/api/v1/appliance`)).status, 401);
  assert.equal((await requestJson(`${urls.cloud}/api/v1/tenant`)).status, 401);
});

test('secrets in a query string never reach the journal', async () => {
  const running = platform();
  await fetch(`${running.urls.graph}/v1.0/users?client_secret=hunter2&password=p`);
  const entry = running.platform.services.graph.journal.list().at(-1)!;
  assert.doesNotMatch(entry.path, /hunter2/);
  assert.match(entry.path, /client_secret=\[redacted\]/);
});

test('an offline service refuses connections and comes back', async () => {
  const running = platform();
  const cloud = running.platform.services.cloud;
  cloud.setOffline(true);
  // Let pooled keep-alive connections notice they were closed, as they would between calls.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await assert.rejects(fetch(`${running.urls.cloud}/api/v1/tenant`));
  assert.ok(cloud.refusedConnections > 0);
  cloud.setOffline(false);
  assert.equal((await requestJson(`${running.urls.cloud}/api/v1/tenant`)).status, 401);
});
