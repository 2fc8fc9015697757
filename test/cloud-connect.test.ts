import assert from 'node:assert/strict';
import { test } from 'node:test';

import { buildTenant } from '../fixtures/tenant';
import {
  checkCanConnect,
  createCloudConnectState,
  integrationStatus,
  operateCloudConnect,
  patternAllows,
  recordIntegration,
  resetToFactory,
  summariseCloudConnect,
} from '../mocks/eam/cloud-connect';
import { ServiceError } from '../mocks/platform/http-error';

const fresh = () => createCloudConnectState(buildTenant().eam.cloudConnect);

function refusal(run: () => void): { status: number; code: string; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ServiceError, String(error));
    return { status: error.status, code: error.code, message: error.message };
  }
  assert.fail('expected a refusal');
}

test('the fixture enterprise is connected as the guide leaves it', () => {
  const state = fresh();
  assert.deepEqual(summariseCloudConnect(state), {
    running: true,
    integrationVerified: true,
  });
  assert.deepEqual(integrationStatus(state), { status: 'verified' });
});

test('a new appliance has Cloud Connect stopped and cannot verify the integration', () => {
  const state = fresh();
  resetToFactory(state);
  assert.deepEqual([...state.appliances.values()], ['stopped', 'stopped']);
  assert.deepEqual(summariseCloudConnect(state), {
    running: false,
    integrationVerified: false,
  });
  const status = integrationStatus(state);
  assert.equal(status.status === 'unverified' && status.reason, 'not_integrated');
  assert.match(
    status.status === 'unverified' ? status.message : '',
    new RegExp(state.integrationId),
  );
});

test('Cloud Connect runs everywhere only when restarted on all appliances', () => {
  const state = fresh();
  resetToFactory(state);
  operateCloudConnect(state, 'restart', ['EAM-1']);
  assert.equal(summariseCloudConnect(state).running, false);
  operateCloudConnect(state, 'restart', 'all');
  assert.equal(summariseCloudConnect(state).running, true);
});

test('an appliance the enterprise does not have is a 404 that names the real ones', () => {
  const answer = refusal(() => operateCloudConnect(fresh(), 'restart', ['EAM-1', 'EAM-9']));
  assert.equal(answer.status, 404);
  assert.match(answer.message, /EAM-9.*EAM-1, EAM-2/);
});

test('firewall patterns cover the hosts below them, in any case, and nothing else', () => {
  assert.equal(patternAllows('*.sys.imprivata.com', 'acme.sys.imprivata.com'), true);
  assert.equal(patternAllows('*.SYS.imprivata.com', 'Acme.sys.imprivata.com'), true);
  assert.equal(patternAllows('*.sys.imprivata.com', 'acme.sys.imprivata.uk'), false);
  assert.equal(patternAllows('*.sys.imprivata.com', 'sys.imprivata.com'), false);
  assert.equal(patternAllows('*.sys.imprivata.com', 'acme.app.imprivata.com'), false);
  assert.equal(patternAllows('acme.sys.imprivata.com', 'acme.sys.imprivata.com'), true);
});

test('connecting needs Cloud Connect everywhere, then both hosts through the firewall', () => {
  const state = fresh();
  const hosts = ['acme.sys.imprivata.uk', 'acme.app.imprivata.uk'];
  state.appliances.set('EAM-2', 'stopped');
  const stopped = refusal(() => checkCanConnect(state, hosts));
  assert.deepEqual([stopped.status, stopped.code], [409, 'cloud_connect_stopped']);
  assert.match(stopped.message, /EAM-2/);

  operateCloudConnect(state, 'restart', 'all');
  const blocked = refusal(() => checkCanConnect(state, hosts));
  assert.deepEqual([blocked.status, blocked.code], [502, 'cloud_connection_failed']);
  assert.match(blocked.message, /acme\.sys\.imprivata\.uk, acme\.app\.imprivata\.uk/);
  assert.match(blocked.message, /Add \*\.sys\.imprivata\.uk, \*\.app\.imprivata\.uk/);

  state.firewallAllowlist = ['*.sys.imprivata.uk', '*.app.imprivata.uk'];
  checkCanConnect(state, hosts);
});

test('an integrated enterprise is unverified again when a host is blocked or an appliance stops', () => {
  const state = fresh();
  recordIntegration(
    state,
    ['acme.sys.imprivata.com', 'acme.app.imprivata.com'],
    'tenant-1',
    '2026-12-03T08:00:00Z',
  );
  state.firewallAllowlist = ['*.sys.imprivata.com'];
  const blocked = integrationStatus(state);
  assert.equal(blocked.status === 'unverified' && blocked.reason, 'host_blocked');
  assert.match(blocked.status === 'unverified' ? blocked.message : '', /acme\.app\.imprivata\.com/);

  state.firewallAllowlist.push('*.app.imprivata.com');
  operateCloudConnect(state, 'stop', ['EAM-1']);
  const stopped = integrationStatus(state);
  assert.equal(stopped.status === 'unverified' && stopped.reason, 'cloud_connect_stopped');
  assert.deepEqual(summariseCloudConnect(state), {
    running: false,
    integrationVerified: false,
  });
});
