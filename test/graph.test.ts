import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GraphRequestError } from '../clients/graph-client';
import { requestJson } from '../clients/json-http';
import { assignLicense } from '../mocks/graph/users';
import type { GraphState } from '../mocks/graph/state';
import { graphClientFor, usePlatform } from './support/platform';

const assignLicenseTo = (
  state: GraphState,
  userId: string,
  skuId: string,
  disabledPlans: string[],
) =>
  assignLicense(
    state,
    userId,
    { addLicenses: [{ skuId, disabledPlans }], removeLicenses: [] },
    '2026-12-01T00:00:00Z',
  );

const platform = usePlatform();

async function token(): Promise<string> {
  const running = platform();
  const { tenant } = running.platform.state;
  const client = tenant.graph.clients[0]!;
  const response = await fetch(`${running.urls.graph}/${tenant.graph.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

test('a call without a token gets 401 InvalidAuthenticationToken in the Graph envelope', async () => {
  const response = await fetch(`${platform().urls.graph}/v1.0/users`, {
    headers: { 'client-request-id': 'abc-123' },
  });
  assert.equal(response.status, 401);
  assert.equal(response.headers.get('client-request-id'), 'abc-123');
  assert.ok(response.headers.get('request-id'));
  const body = (await response.json()) as any;
  assert.equal(body.error.code, 'InvalidAuthenticationToken');
  assert.equal(body.error.innerError['client-request-id'], 'abc-123');
  assert.match(body.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a malformed or foreign token is refused', async () => {
  const { graph } = platform().urls;
  const bad = await requestJson(`${graph}/v1.0/users`, {
    headers: { authorization: 'Bearer not.a.jwt' },
  });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.error.code, 'InvalidAuthenticationToken');
});

test('an expired token is refused once the platform clock passes its lifetime', async () => {
  const running = platform();
  const fresh = await token();
  running.platform.clock.advance(3600_000);
  try {
    const answer = await requestJson(`${running.urls.graph}/v1.0/users`, {
      headers: { authorization: `Bearer ${fresh}` },
    });
    assert.equal(answer.status, 401);
    assert.match(answer.body.error.message, /expired/);
  } finally {
    running.platform.clock.reset();
  }
});

test('a wrong client secret gets the identity platform error, not the Graph envelope', async () => {
  const running = platform();
  const { tenant } = running.platform.state;
  const response = await fetch(`${running.urls.graph}/${tenant.graph.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: tenant.graph.clients[0]!.clientId,
      client_secret: 'wrong',
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  assert.equal(response.status, 401);
  const body = (await response.json()) as any;
  assert.equal(body.error, 'invalid_client');
  assert.deepEqual(body.error_codes, [7000215]);
});

test('paging with $top follows opaque nextLinks to every user', async () => {
  const running = platform();
  const users = await graphClientFor(running).getAll<{ id: string }>('/users?$top=5');
  assert.equal(users.length, running.platform.state.tenant.graph.users.length);
  assert.equal(new Set(users.map((u) => u.id)).size, users.length);
});

test('sync and licence fields come only on $select', async () => {
  const client = graphClientFor(platform());
  const plain = await client.getJson<any>('/users?$top=1');
  assert.equal('onPremisesSyncEnabled' in plain.value[0], false);
  assert.equal(plain['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#users');
  const selected = await client.getJson<any>('/users?$top=1&$select=id,onPremisesSyncEnabled');
  assert.deepEqual(Object.keys(selected.value[0]).sort(), ['id', 'onPremisesSyncEnabled']);
  assert.equal(
    selected['@odata.context'],
    'https://graph.microsoft.com/v1.0/$metadata#users(id,onPremisesSyncEnabled)',
  );
});

test('a single user is an entity with its own @odata.context, found by id or UPN', async () => {
  const running = platform();
  const ada = running.platform.state.tenant.people.find((p) => p.key === 'Ada')!;
  const client = graphClientFor(running);
  const byUpn = await client.getJson<any>(`/users/${encodeURIComponent(ada.userPrincipalName)}`);
  assert.equal(byUpn.id, ada.entraId);
  assert.equal(byUpn['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#users/$entity');
});

test('assignLicense with a disabled plan: licenseDetails shows it Disabled, assignedPlans Deleted', async () => {
  const running = platform();
  const lena = running.platform.state.tenant.people.find((p) => p.key === 'Lena')!;
  const { directory } = running.platform.state.graph;
  const sku = directory.subscribedSkus[0]!;
  const changed = assignLicenseTo(running.platform.state.graph, lena.entraId, sku.skuId, [
    sku.servicePlans[0]!.servicePlanId,
  ]);
  assert.equal(changed.id, lena.entraId);
  const user = await graphClientFor(running).getJson<any>(
    `/users/${lena.entraId}?$select=assignedPlans`,
  );
  assert.equal(user.assignedPlans[0].capabilityStatus, 'Deleted');
  const details = await graphClientFor(running).getJson<any>(
    `/users/${lena.entraId}/licenseDetails`,
  );
  assert.equal(details.value[0].skuPartNumber, 'SPE_E3');
  assert.equal(details.value[0].servicePlans[0].provisioningStatus, 'Disabled');
});

test('unknown users, bad $top and unknown properties get Graph 4xx codes', async () => {
  const client = graphClientFor(platform());
  const expectCode = async (path: string, status: number, code: string) => {
    await assert.rejects(
      client.getJson(path),
      (e: GraphRequestError) => e.status === status && e.code === code,
    );
  };
  await expectCode('/users/00000000-0000-0000-0000-000000000000', 404, 'Request_ResourceNotFound');
  await expectCode('/users?$top=1000', 400, 'Request_BadRequest');
  await expectCode('/users?$select=shoeSize', 400, 'BadRequest');
  await expectCode(
    '/users?$filter=startswith(displayName,%27A%27)',
    400,
    'Request_UnsupportedQuery',
  );
});

test('a client without a user-reading permission gets 403 Authorization_RequestDenied', async () => {
  const running = platform();
  const client = running.platform.state.graph.clients.values().next().value!;
  const roles = client.roles;
  client.roles = ['Policy.Read.All'];
  try {
    await assert.rejects(
      graphClientFor(running).getJson('/users'),
      (e: GraphRequestError) => e.status === 403 && e.code === 'Authorization_RequestDenied',
    );
  } finally {
    client.roles = roles;
  }
});
