import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkCloudConnection, type CloudConnectionSnapshot } from '../checks/cloud-connection';

const ID = '0b7f9a52-2c41-4d8e-9f3a-6e5d4c3b2a19';

const connected = (): CloudConnectionSnapshot => ({
  appliances: [
    { id: 'EAM-1', cloudConnect: 'running' },
    { id: 'EAM-2', cloudConnect: 'running' },
  ],
  integration: { integrationId: ID, status: 'verified' },
  portal: { adminConsoleSamlSso: true, connectedIntegrationId: ID },
});

const codes = (snapshot: CloudConnectionSnapshot) =>
  checkCloudConnection(snapshot).map((f) => `${f.requirement} ${f.code}`);

test('a connection set up as the guide asks has no finding', () => {
  assert.deepEqual(codes(connected()), []);
});

test('each broken part is its own finding, under its own requirement', () => {
  const stopped = connected();
  stopped.appliances[1]!.cloudConnect = 'stopped';
  assert.deepEqual(codes(stopped), ['PRE-04 CLOUD_CONNECT_STOPPED']);

  const unverified = connected();
  unverified.integration = {
    integrationId: ID,
    status: 'unverified',
    reason: 'host_blocked',
    message: 'Cannot verify',
  };
  assert.deepEqual(codes(unverified), ['CC-03 INTEGRATION_NOT_VERIFIED']);

  const elsewhere = connected();
  elsewhere.portal.connectedIntegrationId = 'another-enterprise';
  assert.deepEqual(codes(elsewhere), ['CC-03 INTEGRATION_ID_MISMATCH']);

  const noSaml = connected();
  noSaml.portal.adminConsoleSamlSso = false;
  const [finding] = checkCloudConnection(noSaml);
  assert.equal(finding?.code, 'ADMIN_CONSOLE_SSO_NOT_SAML');
  assert.match(finding!.message, /Select it/);
});
