import { Given } from '@cucumber/cucumber';

import { GraphClient } from '../clients/graph-client';
import { requestJson } from '../clients/json-http';
import { ENTRA_PREMIUM_PLANS, type Person } from '../fixtures/tenant';
import { HarnessFault } from '../harness/errors';
import type { CheckoutWorld } from './support/world';

/** The fixture secrets let the harness read each simulator as its own clients would. */
function eam(world: CheckoutWorld, path: string) {
  return requestJson(`${world.urls.eam}${path}`, {
    headers: { authorization: `Bearer ${world.tenant.eam.apiKey}` },
  });
}

function cloud(world: CheckoutWorld, path: string) {
  return requestJson(`${world.urls.cloud}${path}`, {
    headers: { authorization: `Bearer ${world.tenant.cloud.integrationToken}` },
  });
}

function graph(world: CheckoutWorld): GraphClient {
  const client = world.tenant.graph.clients[0]!;
  return new GraphClient({
    graphUrl: world.urls.graph,
    loginUrl: world.urls.graph,
    tenantId: world.tenant.graph.tenantId,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
  });
}

function setupCheck(ok: boolean, message: string): void {
  if (!ok) throw new HarnessFault(`Set-up did not take effect: ${message}`);
}

Given('the hospital is set up as the vendor guide asks', async function (this: CheckoutWorld) {
  const appliance = (await eam(this, '/api/v1/appliance')).body;
  const tenant = (await cloud(this, '/api/v1/tenant')).body;
  setupCheck(
    appliance.cloudConnect.running && appliance.cloudConnect.integrationVerified,
    'Cloud Connect is not running and verified',
  );
  setupCheck(
    tenant.agreements.cloudServicesAmendment,
    'the cloud services amendment is not signed',
  );
  setupCheck(
    tenant.lastSync?.synced > 0,
    `the directory sync synced nobody: ${JSON.stringify(tenant.lastSync)}`,
  );
});

const SECOND_FACTORS: Record<string, string> = { 'the badge tap': 'badge', 'a PIN': 'pin' };

Given(
  '{person} is enrolled for face recognition, with {string} as second factor',
  async function (this: CheckoutWorld, person: Person, secondFactorWords: string) {
    const expected = SECOND_FACTORS[secondFactorWords];
    if (!expected)
      throw new HarnessFault(
        `Unknown second factor "${secondFactorWords}"; use one of: ${Object.keys(SECOND_FACTORS).join(', ')}`,
      );
    this.person = person;

    const upn = encodeURIComponent(person.userPrincipalName);
    const enrolment = (await cloud(this, `/api/v1/face/enrolments/${upn}`)).body;
    setupCheck(
      enrolment.enrolled === true,
      `${person.key} has no enrolled face in the cloud platform`,
    );
    const owner = (await eam(this, `/api/v1/badges/${person.badgeId}`)).body;
    const policy = (await eam(this, `/api/v1/users/${owner.userId}/policy`)).body;
    setupCheck(
      policy.secondFactor === expected,
      `${person.key}'s EAM policy asks for ${policy.secondFactor}, not ${expected}`,
    );
  },
);

async function premiumPlanStatus(
  world: CheckoutWorld,
  person: Person,
): Promise<string | undefined> {
  const user = await graph(world).getJson<{
    assignedPlans: { servicePlanId: string; capabilityStatus: string }[];
  }>(`/users/${person.entraId}?$select=assignedPlans,onPremisesSyncEnabled`);
  return user.assignedPlans.find((p) => p.servicePlanId === ENTRA_PREMIUM_PLANS.p1)
    ?.capabilityStatus;
}

Given(
  '{person} holds an enabled Entra ID P1 plan',
  async function (this: CheckoutWorld, person: Person) {
    this.person = person;
    const status = await premiumPlanStatus(this, person);
    setupCheck(
      status === 'Enabled',
      `${person.key}'s Entra ID P1 plan is ${status ?? 'missing'} in Graph`,
    );
  },
);

Given(
  "the phone's camera shows the face of {person}",
  function (this: CheckoutWorld, person: Person) {
    this.camera.feed = { kind: 'face', person };
  },
);

Given(
  "the phone's camera shows a printed photo of {person}'s face",
  function (this: CheckoutWorld, person: Person) {
    this.camera.feed = { kind: 'printed-photo', person };
  },
);

Given("the phone's camera shows an empty frame", function (this: CheckoutWorld) {
  this.camera.feed = { kind: 'empty' };
});

Given('camera access is denied on the phone', function (this: CheckoutWorld) {
  // Takes effect, and is checked, when the phone is opened (see pickUpPhone).
  this.camera.permission = 'denied';
});

Given('the phone has no internet access', function (this: CheckoutWorld) {
  this.deviceOffline = true;
});

Given('the cloud platform is down', async function (this: CheckoutWorld) {
  await this.control.setOffline('cloud', true);

  // Self-check: a connection to the cloud must now fail, and be counted as refused.
  const probe = await fetch(`${this.urls.cloud}/api/v1/tenant`).then(
    () => 'answered',
    () => 'refused',
  );
  const { refusedConnections } = await this.control.connections('cloud');
  setupCheck(
    probe === 'refused' && refusedConnections > 0,
    `the cloud still answers after going offline (${probe}, ${refusedConnections} refused)`,
  );
  const journal = await this.control.journal('cloud');
  this.cloudOutage = { journalSeq: journal.at(-1)?.seq ?? 0, refusedBefore: refusedConnections };
});

Given(
  'the cloud platform answers face verification with {int} Service Unavailable',
  async function (this: CheckoutWorld, status: number) {
    await this.control.script('cloud', {
      method: 'POST',
      path: '/api/v1/face/verify',
      status,
      body: { error: { code: 'service_unavailable', message: 'Face verification is unavailable' } },
    });
  },
);

Given('the cloud platform is back', async function (this: CheckoutWorld) {
  await this.control.setOffline('cloud', false);
  const probe = await fetch(`${this.urls.cloud}/api/v1/tenant`).then(
    (r) => r.status,
    () => 0,
  );
  setupCheck(probe === 401, `the cloud does not answer again after coming back (${probe})`);
  this.cloudOutage = undefined;
});
