import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';

import type { Person } from '../fixtures/tenant';
import { HarnessFault } from '../harness/errors';
import { adminChange, checkTenant, plantTenantChange, runDirectorySync } from './support/entra';
import type { CheckoutWorld } from './support/world';

const directory = (world: CheckoutWorld) => world.tenant.graph.directory;
const syncApp = (world: CheckoutWorld) => directory(world).syncApp;
const GOOD_DEFINITION = '{"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}';

function mfaPolicyId(world: CheckoutWorld, name: string): string {
  const policy = directory(world).conditionalAccessPolicies.find((p) => p.displayName === name);
  if (!policy)
    throw new HarnessFault(`No conditional access policy "${name}" in the fixture tenant`);
  return policy.id;
}

function vendorLocationId(world: CheckoutWorld): string {
  return directory(world).namedLocations.find((l) => l.displayName === 'Imprivata cloud')!.id;
}

// ---- Federation, PHS and HRD (ENTRA-03, ENTRA-05) ----

Given(
  "the tenant's domain is federated with another identity provider",
  async function (this: CheckoutWorld) {
    const domain = this.tenant.graph.domain;
    await plantTenantChange(this, { domainAuthentication: { [domain]: 'Federated' } });
    const read = await adminChange(this, 'GET', `/domains/${domain}`);
    if (read.authenticationType !== 'Federated')
      throw new HarnessFault(`Domain ${domain} is still ${read.authenticationType}`);
  },
);

Given('password hash sync is off', async function (this: CheckoutWorld) {
  await plantTenantChange(this, { passwordHashSync: false });
  const read = await adminChange(this, 'GET', '/directory/onPremisesSynchronization');
  if (read.value[0].features.passwordSyncEnabled !== false)
    throw new HarnessFault('Password hash sync still reads as on');
});

async function createAndAssignHrdPolicy(world: CheckoutWorld, definition: string): Promise<string> {
  const created = await adminChange(world, 'POST', '/policies/homeRealmDiscoveryPolicies', {
    displayName: 'Cloud password validation for the sync app',
    definition: [definition],
    isOrganizationDefault: false,
  });
  await adminChange(
    world,
    'POST',
    `/servicePrincipals/${syncApp(world).servicePrincipalId}/homeRealmDiscoveryPolicies/$ref`,
    {
      '@odata.id': `https://graph.microsoft.com/v1.0/policies/homeRealmDiscoveryPolicies/${created.id}`,
    },
  );
  const appliesTo = await adminChange(
    world,
    'GET',
    `/policies/homeRealmDiscoveryPolicies/${created.id}/appliesTo`,
  );
  if (appliesTo.value[0]?.id !== syncApp(world).servicePrincipalId)
    throw new HarnessFault('The HRD policy does not apply to the sync app after assignment');
  return created.id;
}

Given(
  'an HRD policy allowing cloud password validation is assigned to the sync app',
  async function (this: CheckoutWorld) {
    await createAndAssignHrdPolicy(this, GOOD_DEFINITION);
  },
);

/** A stored policy Graph would refuse today (created when it was lenient, or by another tool). */
Given(
  'an HRD policy with definition {string} is assigned to the sync app',
  async function (this: CheckoutWorld, definition: string) {
    const id = `planted-hrd-${Math.random().toString(16).slice(2, 10)}`;
    const sp = syncApp(this).servicePrincipalId;
    await plantTenantChange(this, {
      hrdPolicies: [
        {
          id,
          displayName: 'Planted HRD policy',
          description: null,
          definition: [definition],
          isOrganizationDefault: false,
        },
      ],
      hrdAssignments: { [sp]: [id] },
    });
    const assigned = await adminChange(
      this,
      'GET',
      `/servicePrincipals/${sp}/homeRealmDiscoveryPolicies`,
    );
    if (assigned.value[0]?.definition?.[0] !== definition)
      throw new HarnessFault('The planted HRD policy is not assigned to the sync app');
  },
);

Given('a second HRD policy is also assigned to the sync app', async function (this: CheckoutWorld) {
  const sp = syncApp(this).servicePrincipalId;
  const assigned = await adminChange(
    this,
    'GET',
    `/servicePrincipals/${sp}/homeRealmDiscoveryPolicies`,
  );
  const second = {
    id: 'planted-second-hrd',
    displayName: 'Second HRD policy',
    description: null,
    definition: [GOOD_DEFINITION],
    isOrganizationDefault: false,
  };
  await plantTenantChange(this, {
    hrdPolicies: [second],
    hrdAssignments: { [sp]: [...assigned.value.map((p: { id: string }) => p.id), second.id] },
  });
});

Given('two HRD policies are marked organization default', async function (this: CheckoutWorld) {
  const policy = (id: string) => ({
    id,
    displayName: `Org default ${id}`,
    description: null,
    definition: [GOOD_DEFINITION],
    isOrganizationDefault: true,
  });
  await plantTenantChange(this, {
    hrdPolicies: [policy('planted-default-1'), policy('planted-default-2')],
  });
});

// ---- Conditional access and named locations (ENTRA-06, ENTRA-01) ----

const ID_KINDS = {
  appId: (w: CheckoutWorld) => syncApp(w).appId,
  'service principal object id': (w: CheckoutWorld) => syncApp(w).servicePrincipalId,
  'application object id': (w: CheckoutWorld) => syncApp(w).applicationObjectId,
} as const;

Given(
  'the policy {string} excludes the sync app by its {string}',
  async function (this: CheckoutWorld, name: string, kind: keyof typeof ID_KINDS) {
    const id = ID_KINDS[kind]?.(this);
    if (!id)
      throw new HarnessFault(
        `Unknown id kind "${kind}"; use one of ${Object.keys(ID_KINDS).join(', ')}`,
      );
    await adminChange(
      this,
      'PATCH',
      `/identity/conditionalAccess/policies/${mfaPolicyId(this, name)}`,
      {
        conditions: { applications: { includeApplications: ['All'], excludeApplications: [id] } },
      },
    );
  },
);

Given(
  'the policy {string} excludes no application',
  async function (this: CheckoutWorld, name: string) {
    await adminChange(
      this,
      'PATCH',
      `/identity/conditionalAccess/policies/${mfaPolicyId(this, name)}`,
      {
        conditions: { applications: { includeApplications: ['All'], excludeApplications: [] } },
      },
    );
  },
);

const GRANTS = {
  'MFA in report-only mode': {
    state: 'enabledForReportingButNotEnforced',
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  },
  'an authentication strength': {
    state: 'enabled',
    grantControls: {
      operator: 'OR',
      builtInControls: [],
      authenticationStrength: {
        id: '00000000-0000-0000-0000-000000000002',
        displayName: 'Multifactor authentication',
      },
    },
  },
} as const;

Given(
  'a new policy demands {string} for all users and resources',
  async function (this: CheckoutWorld, grant: keyof typeof GRANTS) {
    const spec = GRANTS[grant];
    if (!spec)
      throw new HarnessFault(
        `Unknown grant "${grant}"; use one of ${Object.keys(GRANTS).join(', ')}`,
      );
    await adminChange(this, 'POST', '/identity/conditionalAccess/policies', {
      displayName: `Planted: ${grant}`,
      state: spec.state,
      conditions: {
        applications: { includeApplications: ['All'] },
        users: { includeUsers: ['All'] },
      },
      grantControls: spec.grantControls,
    });
  },
);

Given('the Microsoft-managed MFA policy is turned on', async function (this: CheckoutWorld) {
  const managed = directory(this).conditionalAccessPolicies.find((p) =>
    p.displayName.startsWith('Microsoft-managed: '),
  )!;
  await adminChange(this, 'PATCH', `/identity/conditionalAccess/policies/${managed.id}`, {
    state: 'enabled',
  });
});

Given(
  "the vendor's trusted location holds {string}",
  async function (this: CheckoutWorld, ranges: string) {
    await adminChange(
      this,
      'PATCH',
      `/identity/conditionalAccess/namedLocations/${vendorLocationId(this)}`,
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        ipRanges: ranges
          .split(',')
          .map((r) => ({ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: r.trim() })),
      },
    );
  },
);

Given("the vendor's location is not marked trusted", async function (this: CheckoutWorld) {
  await adminChange(
    this,
    'PATCH',
    `/identity/conditionalAccess/namedLocations/${vendorLocationId(this)}`,
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      isTrusted: false,
    },
  );
});

// ---- Per-user MFA (ENTRA-02) ----

Given(
  'per-user MFA is {string} for {person}',
  async function (this: CheckoutWorld, state: string, person: Person) {
    await adminChange(this, 'PATCH', `/beta/users/${person.entraId}/authentication/requirements`, {
      perUserMfaState: state,
    });
  },
);

Given(
  'an administrator attests the MFA trusted IPs {string}',
  function (this: CheckoutWorld, list: string) {
    this.attestations.mfaTrustedIps = list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  },
);

Given('the MFA trusted IPs are {string}', async function (this: CheckoutWorld, list: string) {
  await plantTenantChange(this, {
    mfaTrustedIps: list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  });
});

// ---- Directory and users (ENTRA-04, PRE-05, PRE-06) ----

Given(
  '{person} is no longer synced from Active Directory',
  async function (this: CheckoutWorld, person: Person) {
    await plantTenantChange(this, {
      users: { [person.entraId]: { onPremisesSyncEnabled: false } },
    });
    await runDirectorySync(this);
  },
);

Given(
  '{person} has no enabled Entra ID P1 or P2 plan',
  async function (this: CheckoutWorld, person: Person) {
    this.person = person;
    const { skuId } = directory(this).subscribedSkus[0]!;
    const premiumPlan = directory(this).subscribedSkus[0]!.servicePlans[0]!.servicePlanId;
    const user = await adminChange(this, 'POST', `/users/${person.entraId}/assignLicense`, {
      addLicenses: [{ skuId, disabledPlans: [premiumPlan] }],
      removeLicenses: [],
    });
    const read = await adminChange(this, 'GET', `/users/${user.id}?$select=assignedPlans`);
    if (
      read.assignedPlans.some((p: { capabilityStatus: string }) => p.capabilityStatus === 'Enabled')
    ) {
      throw new HarnessFault(`${person.key} still has an enabled premium plan`);
    }
    await runDirectorySync(this);
  },
);

Given(
  "the cloud platform's directory was added with {string} rights",
  async function (this: CheckoutWorld, role: string) {
    const answer = await fetch(`${this.urls.control}/cloud/directory`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consentedByRole: role }),
    });
    if (answer.status !== 204)
      throw new HarnessFault(`Could not change the cloud directory: ${answer.status}`);
  },
);

Given(
  "no group is chosen for the cloud platform's directory sync",
  async function (this: CheckoutWorld) {
    const answer = await fetch(`${this.urls.control}/cloud/directory`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ groupIds: [] }),
    });
    if (answer.status !== 204)
      throw new HarnessFault(`Could not change the cloud directory: ${answer.status}`);
  },
);

When('the directory sync runs', async function (this: CheckoutWorld) {
  await runDirectorySync(this);
});

// ---- Running the checks ----

When('the Entra readiness checks run', async function (this: CheckoutWorld) {
  this.findings = await checkTenant(this, this.attestations);
  this.attach(JSON.stringify(this.findings, null, 2), {
    mediaType: 'application/json',
    fileName: 'entra-findings.json',
  });
});

function findingsFor(world: CheckoutWorld, requirement: string) {
  if (!world.findings)
    throw new HarnessFault('The Entra readiness checks have not run in this scenario');
  return world.findings.filter((f) => f.requirement === requirement);
}

Then('{word} has no finding', function (this: CheckoutWorld, requirement: string) {
  const found = findingsFor(this, requirement);
  assert.deepEqual(
    found.map((f) => `${f.code}: ${f.message}`),
    [],
  );
});

Then(
  '{word} is reported for {word}',
  function (this: CheckoutWorld, code: string, requirement: string) {
    const found = findingsFor(this, requirement);
    const match = found.find((f) => f.code === code);
    assert.ok(
      match,
      `expected ${code} for ${requirement}; found ${found.map((f) => f.code).join(', ') || 'nothing'}`,
    );
    assert.ok(match.message.length > 20, 'the finding has no useful message');
    assert.ok(Object.keys(match.evidence).length > 0, 'the finding carries no evidence');
  },
);

Then(
  'the {word} finding names {string}',
  function (this: CheckoutWorld, code: string, words: string) {
    const match = (this.findings ?? []).find((f) => f.code === code);
    assert.ok(match, `no ${code} finding`);
    assert.ok(
      `${match.message} ${JSON.stringify(match.evidence)}`.includes(words),
      `${code} does not name "${words}": ${match.message}`,
    );
  },
);

Then('only warnings are reported for {word}', function (this: CheckoutWorld, requirement: string) {
  const found = findingsFor(this, requirement);
  assert.ok(found.length > 0, `expected a warning for ${requirement}`);
  assert.deepEqual(
    found.filter((f) => f.severity !== 'warning').map((f) => f.code),
    [],
  );
});
