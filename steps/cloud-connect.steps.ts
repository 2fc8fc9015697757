import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';

import { checkCloudConnection } from '../checks/cloud-connection';
import {
  adminChange,
  adminOf,
  control,
  lastAnswer,
  readCloudConnection,
  scenarioOf,
  setupCheck,
  tenantHosts,
} from './support/cloud-connect';
import type { TokenKind } from './support/cloud-connect-parameters';
import type { CheckoutWorld } from './support/world';

// ---- Set-up through the control plane (a new appliance, the firewall, the region) ----

Given(
  'a new enterprise whose cloud connection has never been set up',
  async function (this: CheckoutWorld) {
    await control(this, 'POST', '/eam/cloud-connect/factory-reset');
    await control(this, 'POST', '/cloud/connection/new-tenant');

    const now = await readCloudConnection(this);
    const running = now.appliances.filter((a) => a.cloudConnect !== 'stopped');
    setupCheck(running.length === 0, `Cloud Connect still runs on ${running.map((a) => a.id)}`);
    setupCheck(now.integration.reason === 'not_integrated', 'EAM still has an integration');
    setupCheck(now.portal.connectedIntegrationId === null, 'the cloud is still connected');
  },
);

Given(
  "the hospital's cloud tenant is in the {region} region",
  async function (this: CheckoutWorld, region: string) {
    await control(this, 'PATCH', '/cloud/connection', { region });
    const now = await control(this, 'GET', '/cloud/connection');
    setupCheck(now.region === region, `the tenant is in region ${now.region}, not ${region}`);
  },
);

async function setFirewall(world: CheckoutWorld, allowlist: string[]): Promise<void> {
  await control(world, 'PUT', '/eam/firewall', { allowlist });
  const now = await control(world, 'GET', '/eam/firewall');
  setupCheck(
    JSON.stringify(now.allowlist) === JSON.stringify(allowlist),
    `the firewall allows ${now.allowlist}`,
  );
}

const listOf = (words: string) =>
  words === 'nothing' ? [] : words.split(',').map((w) => w.trim());

Given('the firewall allows only {string}', async function (this: CheckoutWorld, words: string) {
  await setFirewall(this, listOf(words));
});

Given(
  'the firewall allows {string} and {string}',
  async function (this: CheckoutWorld, sys: string, app: string) {
    await setFirewall(this, [sys, app]);
  },
);

When('the firewall stops allowing {string}', async function (this: CheckoutWorld, pattern: string) {
  const { allowlist } = await control(this, 'GET', '/eam/firewall');
  setupCheck(allowlist.includes(pattern), `the firewall did not allow ${pattern} to begin with`);
  await setFirewall(
    this,
    allowlist.filter((p: string) => p !== pattern),
  );
});

// ---- The Appliance Console: Cloud Connect (PRE-04) ----

async function operate(
  world: CheckoutWorld,
  action: 'restart' | 'stop',
  appliances: 'all' | string[],
) {
  await adminChange(
    adminOf(world).operateCloudConnect(action, appliances),
    `${action} Cloud Connect`,
  );
}

Given('Cloud Connect has been started on all appliances', async function (this: CheckoutWorld) {
  await operate(this, 'restart', 'all');
  const { appliances } = await readCloudConnection(this);
  setupCheck(
    appliances.every((a) => a.cloudConnect === 'running'),
    'Cloud Connect is not running everywhere',
  );
});

When(
  'the administrator restarts Cloud Connect on all appliances',
  async function (this: CheckoutWorld) {
    await operate(this, 'restart', 'all');
  },
);

When(
  'the administrator restarts Cloud Connect on appliance {string} only',
  async function (this: CheckoutWorld, id: string) {
    await operate(this, 'restart', [id]);
  },
);

When(
  'the administrator stops Cloud Connect on appliance {string}',
  async function (this: CheckoutWorld, id: string) {
    await operate(this, 'stop', [id]);
  },
);

Then(
  'the console shows Cloud Connect {word} on every appliance',
  async function (this: CheckoutWorld, state: string) {
    const { appliances } = await readCloudConnection(this);
    assert.ok(appliances.length > 1, 'the enterprise should have more than one appliance');
    assert.deepEqual(
      appliances.filter((a) => a.cloudConnect !== state).map((a) => `${a.id}: ${a.cloudConnect}`),
      [],
    );
  },
);

Then(
  'the console shows Cloud Connect stopped on {string}',
  async function (this: CheckoutWorld, id: string) {
    const { appliances } = await readCloudConnection(this);
    assert.equal(
      appliances.find((a) => a.id === id)?.cloudConnect,
      'stopped',
      JSON.stringify(appliances),
    );
  },
);

// ---- The integration: Admin Console and Access Management setup (CC-02, CC-03) ----

async function makeToken(world: CheckoutWorld, kind: TokenKind): Promise<string> {
  const admin = adminOf(world);
  if (kind === 'text') return 'I copied the integration id instead';

  const { integrationId } = await adminChange(admin.integration(), 'reading the integration id');
  const id = kind === 'other' ? '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b' : integrationId;
  const { token } = await adminChange(admin.createIntegrationToken(id), 'creating a token');
  if (kind === 'tampered')
    return `${token.slice(0, -6)}${token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
  if (kind === 'expired') {
    const lifetime = world.tenant.cloud.connection.tokenLifetimeMs;
    await control(world, 'POST', '/clock/advance', { ms: lifetime + 60_000 });
  }
  return token;
}

When(
  'the administrator integrates the enterprise with {integrationToken}',
  async function (this: CheckoutWorld, kind: TokenKind) {
    const token = await makeToken(this, kind);
    scenarioOf(this).answer = await adminOf(this).integrate(token);
  },
);

Then('the console shows the enterprise integration id', async function (this: CheckoutWorld) {
  const { integration } = await readCloudConnection(this);
  assert.equal(integration.integrationId, this.tenant.eam.cloudConnect.integrationId);
});

Then(
  'the console reports that it cannot verify the integration, because {unverifiedReason}',
  async function (this: CheckoutWorld, reason: string) {
    const { integration } = await readCloudConnection(this);
    assert.equal(
      integration.status,
      'unverified',
      'the console reports the integration as verified',
    );
    assert.equal(integration.reason, reason, integration.message);
    assert.match(integration.message ?? '', /^Cannot verify the Access Management integration/);
  },
);

Then('the console reports the integration as verified', async function (this: CheckoutWorld) {
  const { integration, portal } = await readCloudConnection(this);
  assert.equal(integration.status, 'verified', integration.message);
  assert.equal(
    portal.connectedIntegrationId,
    integration.integrationId,
    'the cloud is connected to another id',
  );
});

Then('the console refuses the token with {word}', function (this: CheckoutWorld, code: string) {
  const { status, body } = lastAnswer(this);
  assert.ok(
    status >= 400 && status < 500,
    `the console answered ${status}: ${JSON.stringify(body)}`,
  );
  assert.equal(body.error?.code, code, body.error?.message);
});

Then(
  'the integration is refused because Cloud Connect is stopped on {string}',
  function (this: CheckoutWorld, id: string) {
    const { status, body } = lastAnswer(this);
    assert.deepEqual(
      [status, body.error?.code],
      [409, 'cloud_connect_stopped'],
      JSON.stringify(body),
    );
    assert.match(body.error.message, new RegExp(`\\b${id}\\b`));
  },
);

Then(
  "the integration fails with a connection error to the tenant's {word} host",
  async function (this: CheckoutWorld, kind: 'sys' | 'app') {
    const host = (await tenantHosts(this))[kind];
    setupCheck(Boolean(host), `the tenant has no ${kind} host`);
    const { status, body } = lastAnswer(this);
    assert.deepEqual(
      [status, body.error?.code],
      [502, 'cloud_connection_failed'],
      JSON.stringify(body),
    );
    assert.ok(
      body.error.message.includes(host),
      `the error does not name ${host}: ${body.error.message}`,
    );
  },
);

// ---- The whole connection, checked as an auditor would (PRE-04, CC-03, CC-04) ----

When('the cloud connection is checked', async function (this: CheckoutWorld) {
  this.findings = checkCloudConnection(await readCloudConnection(this));
  this.attach(JSON.stringify(this.findings, null, 2), {
    mediaType: 'application/json',
    fileName: 'cloud-connection-findings.json',
  });
});
