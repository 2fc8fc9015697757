import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GraphClient } from '../clients/graph-client';
import { requestJson } from '../clients/json-http';
import { checkGraphEntity } from '../mocks/graph/schema/schema';
import { usePlatform } from './support/platform';

// Every shape the Graph simulator serves, checked against Microsoft's own metadata.
const platform = usePlatform();
let adminClient: GraphClient | undefined;

/** The tenant administrator's client, made once the platform is up. */
function admin(): GraphClient {
  const running = platform();
  const { graph } = running.platform.state.tenant;
  const app = graph.clients.find((c) => c.displayName.startsWith('Tenant administrator'))!;
  adminClient ??= new GraphClient({
    graphUrl: running.urls.graph,
    loginUrl: running.urls.graph,
    tenantId: graph.tenantId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
  });
  return adminClient;
}

async function post(path: string, body: unknown) {
  const answer = await requestJson(`${platform().urls.graph}/v1.0${path}`, {
    body,
    headers: { authorization: `Bearer ${await admin().token()}` },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

function assertFits(typeName: string, entities: unknown[]) {
  assert.ok(entities.length > 0, `no ${typeName} to check`);
  for (const entity of entities)
    assert.deepEqual(
      checkGraphEntity(typeName, entity),
      [],
      `${typeName}: ${JSON.stringify(entity).slice(0, 300)}`,
    );
}

const COLLECTIONS: [string, string][] = [
  [
    '/users?$select=id,displayName,userPrincipalName,mail,accountEnabled,onPremisesSyncEnabled,onPremisesImmutableId,assignedLicenses,assignedPlans,businessPhones,givenName,surname,jobTitle',
    'user',
  ],
  ['/users', 'user'],
  ['/groups', 'group'],
  ['/domains', 'domain'],
  ['/organization', 'organization'],
  ['/subscribedSkus', 'subscribedSku'],
  ['/directory/onPremisesSynchronization', 'onPremisesDirectorySynchronization'],
  ['/servicePrincipals', 'servicePrincipal'],
  ['/identity/conditionalAccess/policies', 'conditionalAccessPolicy'],
  ['/identity/conditionalAccess/namedLocations', 'namedLocation'],
];

for (const [path, typeName] of COLLECTIONS) {
  test(`GET ${path.split('?')[0]} items fit microsoft.graph.${typeName}`, async () => {
    assertFits(typeName, await admin().getAll(path));
  });
}

test('group members fit microsoft.graph.user', async () => {
  const [group] = await admin().getAll<{ id: string }>('/groups');
  assertFits(
    'user',
    await admin().getAll(
      `/groups/${group!.id}/members?$select=id,userPrincipalName,onPremisesSyncEnabled,assignedPlans`,
    ),
  );
});

test('a created HRD policy, its list and its appliesTo fit their types', async () => {
  const created = await post('/policies/homeRealmDiscoveryPolicies', {
    displayName: 'Schema check',
    definition: ['{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}'],
  });
  assertFits('homeRealmDiscoveryPolicy', [created]);
  const sp = platform().platform.state.tenant.graph.directory.syncApp.servicePrincipalId;
  const assign = await requestJson(
    `${platform().urls.graph}/v1.0/servicePrincipals/${sp}/homeRealmDiscoveryPolicies/$ref`,
    {
      body: {
        '@odata.id': `https://graph.microsoft.com/v1.0/policies/homeRealmDiscoveryPolicies/${created.id}`,
      },
      headers: { authorization: `Bearer ${await admin().token()}` },
    },
  );
  assert.equal(assign.status, 204);
  assertFits(
    'homeRealmDiscoveryPolicy',
    await admin().getAll('/policies/homeRealmDiscoveryPolicies'),
  );
  assertFits(
    'servicePrincipal',
    await admin().getAll(`/policies/homeRealmDiscoveryPolicies/${created.id}/appliesTo`),
  );
});

test('a created conditional access policy and named location fit their types', async () => {
  const policy = await post('/identity/conditionalAccess/policies', {
    displayName: 'Schema check',
    state: 'enabledForReportingButNotEnforced',
    conditions: {
      applications: { includeApplications: ['All'] },
      users: { includeUsers: ['All'] },
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  });
  assertFits('conditionalAccessPolicy', [policy]);
  const location = await post('/identity/conditionalAccess/namedLocations', {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    displayName: 'Schema check',
    isTrusted: false,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '198.51.100.0/24' }],
  });
  assertFits('namedLocation', [location]);
});

test('the schema check itself catches a wrong type, a bad null and an unknown property', () => {
  assert.notDeepEqual(checkGraphEntity('user', { id: 'x', accountEnabled: 'yes' }), []);
  assert.notDeepEqual(checkGraphEntity('user', { id: 'x', assignedPlans: null }), []);
  assert.notDeepEqual(checkGraphEntity('user', { id: 'x', shoeSize: 44 }), []);
  assert.notDeepEqual(
    checkGraphEntity('namedLocation', {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: 'x',
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidr: '1.2.3.4/32' }],
    }),
    [],
  );
});
