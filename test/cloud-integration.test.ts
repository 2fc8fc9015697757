import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CloudConnectClient } from '../clients/cloud-connect-client';
import { ControlClient } from '../clients/control-client';
import { requestJson } from '../clients/json-http';
import { usePlatform } from './support/platform';

const platform = usePlatform();

function admin(): CloudConnectClient {
  const { urls, platform: p } = platform();
  const { eam, cloud } = p.state.tenant;
  return new CloudConnectClient({
    eamUrl: urls.eam,
    eamApiKey: eam.apiKey,
    cloudUrl: urls.cloud,
    portalAdminKey: cloud.portal.adminKey,
  });
}

/** Control calls that must work for the test to mean anything. */
async function control(method: string, path: string, body?: unknown) {
  const answer = await requestJson(`${platform().urls.control}${path}`, { method, body });
  assert.ok(
    answer.status < 300,
    `control ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
  );
  return answer.body;
}

async function newEnterprise(): Promise<string> {
  await new ControlClient(platform().urls.control).reset();
  await control('POST', '/eam/cloud-connect/factory-reset');
  await control('POST', '/cloud/connection/new-tenant');
  return (await admin().integration()).body.integrationId;
}

async function tokenFor(integrationId: string): Promise<string> {
  const made = await admin().createIntegrationToken(integrationId);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body.token;
}

test('the guide walked through the simulators: start, copy the id, make a token, integrate', async () => {
  const integrationId = await newEnterprise();
  const before = await admin().integration();
  assert.deepEqual([before.body.status, before.body.reason], ['unverified', 'not_integrated']);

  const token = await tokenFor(integrationId);
  const tooEarly = await admin().integrate(token);
  assert.deepEqual([tooEarly.status, tooEarly.body.error.code], [409, 'cloud_connect_stopped']);

  const started = await admin().operateCloudConnect('restart', 'all');
  assert.equal(started.body.runningOnAll, true);
  const done = await admin().integrate(token);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.status, 'verified');
  assert.equal(done.body.tenantId, platform().platform.state.cloud.tenantId);

  const portal = await admin().portalSettings();
  assert.equal(portal.body.connection.connectedIntegrationId, integrationId);
  const appliance = await requestJson(`${platform().urls.eam}/api/v1/appliance`, {
    headers: { authorization: `Bearer ${platform().platform.state.eam.apiKey}` },
  });
  assert.deepEqual(appliance.body.cloudConnect, {
    running: true,
    integrationVerified: true,
  });
});

test('tokens that do not fit are refused with their own reason, and nothing is verified', async () => {
  const integrationId = await newEnterprise();
  await admin().operateCloudConnect('restart', 'all');
  const other = await tokenFor('7d0c1f7e-0000-4000-8000-000000000001');
  const own = await tokenFor(integrationId);
  const [head, payload, signature] = own.split('.');
  const tampered = `${head}.${payload}.${signature!.slice(0, -4)}AAAA`;

  const cases: [string, string, number, string][] = [
    ['another enterprise', other, 422, 'token_for_other_enterprise'],
    ['not a token', 'copied the wrong thing', 400, 'token_malformed'],
    ['an altered signature', tampered, 422, 'token_invalid'],
    ['far too long', 'x'.repeat(10_000), 400, 'token_malformed'],
  ];
  for (const [name, token, status, code] of cases) {
    const answer = await admin().integrate(token);
    assert.deepEqual([answer.status, answer.body.error?.code], [status, code], name);
  }
  assert.equal((await admin().integration()).body.status, 'unverified');
});

test('a token past its lifetime on the platform clock is refused as expired', async () => {
  const integrationId = await newEnterprise();
  await admin().operateCloudConnect('restart', 'all');
  const token = await tokenFor(integrationId);
  const lifetime = platform().platform.state.cloud.connection.tokenLifetimeMs;
  await new ControlClient(platform().urls.control).advanceClock(lifetime + 60_000);
  const answer = await admin().integrate(token);
  assert.deepEqual([answer.status, answer.body.error.code], [422, 'token_expired']);
});

test("a firewall without the region's patterns gets a connection error naming the host", async () => {
  const integrationId = await newEnterprise();
  await admin().operateCloudConnect('restart', 'all');
  const { hosts } = await control('PATCH', '/cloud/connection', { region: 'uk' });
  assert.equal(hosts.sys.endsWith('.sys.imprivata.uk'), true);
  const answer = await admin().integrate(await tokenFor(integrationId));
  assert.deepEqual([answer.status, answer.body.error.code], [502, 'cloud_connection_failed']);
  assert.match(answer.body.error.message, new RegExp(hosts.sys.replace(/\./g, '\\.')));

  await control('PUT', '/eam/firewall', {
    allowlist: ['*.sys.imprivata.uk', '*.app.imprivata.uk'],
  });
  assert.equal((await admin().integrate(await tokenFor(integrationId))).status, 200);
});

test('with the cloud offline, integrating is a connection error, not a crash', async () => {
  const integrationId = await newEnterprise();
  await admin().operateCloudConnect('restart', 'all');
  const token = await tokenFor(integrationId);
  const controls = new ControlClient(platform().urls.control);
  await controls.setOffline('cloud', true);
  const answer = await admin().integrate(token);
  await controls.setOffline('cloud', false);
  assert.deepEqual([answer.status, answer.body.error.code], [503, 'upstream_unreachable']);
});

test('bad input to the consoles, the portal and the controls gets a 4xx that says why', async () => {
  await newEnterprise();
  const { urls } = platform();
  const unknown = await admin().operateCloudConnect('restart', ['EAM-9']);
  assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'appliance_unknown']);
  const noAction = await requestJson(`${urls.eam}/api/v1/cloud-connect/operations`, {
    body: { action: 'reboot', appliances: 'all' },
    headers: { authorization: `Bearer ${platform().platform.state.eam.apiKey}` },
  });
  assert.equal(noAction.status, 400);
  assert.equal((await admin().createIntegrationToken('not-an-id')).status, 400);
  const anonymous = await requestJson(`${urls.cloud}/portal/api/v1/settings`);
  assert.equal(anonymous.status, 401);
  const noBearer = await requestJson(`${urls.cloud}/api/v1/integrations`, {
    body: { integrationId: 'x' },
  });
  assert.equal(noBearer.status, 401);
  const region = await requestJson(`${urls.control}/cloud/connection`, {
    method: 'PATCH',
    body: { region: 'mars' },
  });
  assert.deepEqual([region.status, region.body.error.code], [400, 'region_unknown']);
  const firewall = await requestJson(`${urls.control}/eam/firewall`, {
    method: 'PUT',
    body: { allowlist: 'everything' },
  });
  assert.equal(firewall.status, 400);
  assert.equal((await requestJson(`${urls.control}/health`)).status, 200);
});

test('the Cloud Features Agreement comes before any integration token', async () => {
  const integrationId = await newEnterprise();
  platform().platform.state.cloud.agreements.cloudFeatures = false;
  const answer = await admin().createIntegrationToken(integrationId);
  assert.deepEqual([answer.status, answer.body.error.code], [409, 'agreement_required']);
});
