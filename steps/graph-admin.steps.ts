import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';

import { HarnessFault } from '../harness/errors';
import { adminCall, adminChange } from './support/entra';
import type { CheckoutWorld } from './support/world';

/** The definition exactly as the vendor guide prints it, trailing comma and line break. */
const GUIDE_DEFINITION = '{"HomeRealmDiscoveryPolicy":\n{"AllowCloudPasswordValidation":true, } }';

function answer(world: CheckoutWorld) {
  if (!world.lastGraphAnswer)
    throw new HarnessFault('No Graph call has been made in this scenario');
  return world.lastGraphAnswer;
}

async function createHrd(world: CheckoutWorld, definition: string) {
  world.lastGraphAnswer = await adminCall(world, 'POST', '/policies/homeRealmDiscoveryPolicies', {
    displayName: 'Imprivata HRD',
    definition: [definition],
    isOrganizationDefault: false,
  });
  if (world.lastGraphAnswer.status === 201) world.createdPolicyId = world.lastGraphAnswer.body.id;
}

When(
  "the administrator creates an HRD policy with the vendor guide's definition",
  async function (this: CheckoutWorld) {
    await createHrd(this, GUIDE_DEFINITION);
  },
);

When(
  'the administrator creates an HRD policy with definition {string}',
  async function (this: CheckoutWorld, definition: string) {
    await createHrd(this, definition);
  },
);

const SYNC_APP_IDS = {
  'service principal object id': (w: CheckoutWorld) =>
    w.tenant.graph.directory.syncApp.servicePrincipalId,
  appId: (w: CheckoutWorld) => w.tenant.graph.directory.syncApp.appId,
  'application object id': (w: CheckoutWorld) =>
    w.tenant.graph.directory.syncApp.applicationObjectId,
} as const;

When(
  'the administrator assigns the policy to the sync app by its {string}',
  async function (this: CheckoutWorld, kind: keyof typeof SYNC_APP_IDS) {
    if (!this.createdPolicyId) throw new HarnessFault('No HRD policy was created in this scenario');
    const id = SYNC_APP_IDS[kind]?.(this);
    if (!id) throw new HarnessFault(`Unknown id kind "${kind}"`);
    this.lastGraphAnswer = await adminCall(
      this,
      'POST',
      `/servicePrincipals/${id}/homeRealmDiscoveryPolicies/$ref`,
      {
        '@odata.id': `https://graph.microsoft.com/v1.0/policies/homeRealmDiscoveryPolicies/${this.createdPolicyId}`,
      },
    );
  },
);

When(
  'the administrator assigns another valid HRD policy to the sync app',
  async function (this: CheckoutWorld) {
    const other = await adminChange(this, 'POST', '/policies/homeRealmDiscoveryPolicies', {
      displayName: 'Second HRD policy',
      definition: ['{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}'],
    });
    this.lastGraphAnswer = await adminCall(
      this,
      'POST',
      `/servicePrincipals/${this.tenant.graph.directory.syncApp.servicePrincipalId}/homeRealmDiscoveryPolicies/$ref`,
      {
        '@odata.id': `https://graph.microsoft.com/v1.0/policies/homeRealmDiscoveryPolicies/${other.id}`,
      },
    );
  },
);

When(
  'the administrator creates a trusted IP named location with {string}',
  async function (this: CheckoutWorld, ranges: string) {
    this.lastGraphAnswer = await adminCall(
      this,
      'POST',
      '/identity/conditionalAccess/namedLocations',
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        displayName: 'Imprivata cloud (second)',
        isTrusted: true,
        ipRanges: ranges
          .split(',')
          .map((r) => ({ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: r.trim() })),
      },
    );
  },
);

When(
  'the administrator creates a named location without its @odata.type',
  async function (this: CheckoutWorld) {
    this.lastGraphAnswer = await adminCall(
      this,
      'POST',
      '/identity/conditionalAccess/namedLocations',
      {
        displayName: 'Imprivata cloud (second)',
        isTrusted: true,
        ipRanges: [
          { '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '44.207.16.175/32' },
        ],
      },
    );
  },
);

Then(
  'Graph refuses it with {int} {word}',
  function (this: CheckoutWorld, status: number, code: string) {
    const { status: actual, body } = answer(this);
    assert.equal(actual, status, `Graph answered ${actual}: ${JSON.stringify(body)}`);
    assert.equal(body?.error?.code, code);
    assert.ok(body.error.innerError?.['request-id'], 'the error envelope has no request-id');
  },
);

Then('Graph answers {int} with no body', function (this: CheckoutWorld, status: number) {
  const { status: actual, body } = answer(this);
  assert.equal(actual, status, `Graph answered ${actual}: ${JSON.stringify(body)}`);
  assert.equal(body, null);
});

Then(
  'Graph answers 201 with the single new entity, not a collection',
  function (this: CheckoutWorld) {
    const { status, body } = answer(this);
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal('value' in body, false, 'a create must not answer with a value collection');
    assert.match(body['@odata.context'], /\/\$entity$/);
    assert.match(body.id, /^[0-9a-f-]{36}$/);
  },
);

Then(
  "the policy applies to the sync app's service principal only",
  async function (this: CheckoutWorld) {
    const appliesTo = await adminChange(
      this,
      'GET',
      `/policies/homeRealmDiscoveryPolicies/${this.createdPolicyId}/appliesTo`,
    );
    assert.equal(
      appliesTo['@odata.context'],
      'https://graph.microsoft.com/v1.0/$metadata#directoryObjects',
    );
    assert.deepEqual(
      appliesTo.value.map((o: { '@odata.type': string; id: string }) => [o['@odata.type'], o.id]),
      [
        [
          '#microsoft.graph.servicePrincipal',
          this.tenant.graph.directory.syncApp.servicePrincipalId,
        ],
      ],
    );
  },
);
