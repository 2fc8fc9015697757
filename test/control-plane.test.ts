import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ControlClient } from '../clients/control-client';
import { requestJson } from '../clients/json-http';
import { encodePng, renderBlankFrame, renderFace } from '../fixtures/faces';
import { graphClientFor, usePlatform } from './support/platform';

const platform = usePlatform();
const control = () => new ControlClient(platform().urls.control);

test('a scripted 429 with Retry-After answers once, then the route is itself again', async () => {
  await control().reset();
  const running = platform();
  const queued = await requestJson(`${running.urls.control}/services/graph/scripts`, {
    body: {
      method: 'GET',
      path: '/v1.0/users',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { code: 'TooManyRequests', message: 'throttled' } },
    },
  });
  assert.equal(queued.status, 201);
  const first = await fetch(`${running.urls.graph}/v1.0/users`);
  assert.equal(first.status, 429);
  assert.equal(first.headers.get('retry-after'), '3');
  const users = await graphClientFor(running).getJson<{ value: unknown[] }>('/users');
  assert.ok(users.value.length > 0);
  const journal = await control().journal('graph');
  assert.equal(journal.find((e) => e.status === 429)?.scripted, true);
});

test('injected latency delays every answer of that service only', async () => {
  await control().reset();
  const running = platform();
  await control().setLatency('mam', 120);
  const started = Date.now();
  await requestJson(`${running.urls.mam}/api/v1/devices/IPHONE-ICU-01`);
  assert.ok(Date.now() - started >= 115, 'MAM answered too soon');
  const quick = Date.now();
  await requestJson(`${running.urls.cloud}/api/v1/tenant`);
  assert.ok(Date.now() - quick < 100, 'the cloud was delayed too');
  await control().reset();
});

test('reset with a seed loads another tenant, which later resets keep', async () => {
  const defaultTenantId = platform().platform.state.tenant.graph.tenantId;
  assert.equal((await control().reset(42)).seed, 42);
  const otherTenantId = platform().platform.state.tenant.graph.tenantId;
  assert.notEqual(otherTenantId, defaultTenantId);
  await control().reset();
  assert.equal(platform().platform.state.tenant.graph.tenantId, otherTenantId);
  await control().reset(20261203);
  assert.equal(platform().platform.state.tenant.graph.tenantId, defaultTenantId);
});

test('bad control calls get 4xx with a reason', async () => {
  const { urls } = platform();
  assert.equal(
    (await requestJson(`${urls.control}/services/printer/offline`, { body: { offline: true } }))
      .status,
    404,
  );
  assert.equal(
    (await requestJson(`${urls.control}/services/cloud/latency`, { body: { ms: -5 } })).status,
    400,
  );
  assert.equal(
    (await requestJson(`${urls.control}/clock/advance`, { body: { ms: 'soon' } })).status,
    400,
  );
  const fault = await requestJson(`${urls.control}/faults`, {
    method: 'PUT',
    body: { planted: ['nonsense'] },
  });
  assert.equal(fault.status, 400);
  assert.match(fault.body.error.message, /known: locker-ignores-camera-denial/);
});

test('enrolment needs consent: a refusal stores nothing, consent with a face enrols', async () => {
  await control().reset();
  const running = platform();
  const staff = running.platform.state.tenant.people.find((p) => p.key === 'staff-1')!;
  const headers = { authorization: `Bearer ${running.platform.state.cloud.integrationToken}` };
  const url = `${running.urls.cloud}/api/v1/face/enrolments`;
  const image = encodePng(renderFace(staff.faceSeed)).toString('base64');

  const refused = await requestJson(url, {
    headers,
    body: { userPrincipalName: staff.userPrincipalName, consent: false, image },
  });
  assert.equal(refused.status, 422);
  const status = async () =>
    (await requestJson(`${url}/${encodeURIComponent(staff.userPrincipalName)}`, { headers })).body
      .enrolled;
  assert.equal(await status(), false);

  const blank = await requestJson(url, {
    headers,
    body: {
      userPrincipalName: staff.userPrincipalName,
      consent: true,
      image: encodePng(renderBlankFrame()).toString('base64'),
    },
  });
  assert.equal(blank.status, 422);
  assert.equal(
    (
      await requestJson(url, {
        headers,
        body: { userPrincipalName: staff.userPrincipalName, consent: true, image },
      })
    ).status,
    201,
  );
  assert.equal(await status(), true);
});

test('a malformed scripted answer or journal query is refused when given, not later', async () => {
  const { urls } = platform();
  const script = (body: unknown) => requestJson(`${urls.control}/services/cloud/scripts`, { body });
  assert.equal(
    (await script({ method: 'POST', path: '/api/v1/face/verify', status: 42 })).status,
    400,
  );
  assert.equal(
    (await script({ method: 'POST', path: '/api/v1/face/verify', status: 200, headers: 'oops' }))
      .status,
    400,
  );
  assert.equal(
    (
      await script({
        method: 'POST',
        path: '/api/v1/face/verify',
        status: 200,
        headers: { x: 'a\r\nb' },
      })
    ).status,
    400,
  );
  assert.equal(
    (await script({ method: 'POST', path: '/api/v1/face/verify', status: 200, times: 1.5 })).status,
    400,
  );
  assert.equal((await script({ method: '', path: '/x', status: 200 })).status, 400);
  assert.equal((await requestJson(`${urls.control}/services/cloud/journal?since=abc`)).status, 400);
  assert.equal((await requestJson(`${urls.control}/services/cloud/journal?since=-1`)).status, 400);
});
