import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';

import { requestJson } from '../clients/json-http';
import type { Person } from '../fixtures/tenant';
import { HarnessFault } from '../harness/errors';
import { screenText, waitForRest } from './support/phone';
import type { CheckoutWorld } from './support/world';

/** EAM's admin API, as the Admin and Appliance Consoles use it. */
async function eamAdmin(world: CheckoutWorld, method: string, path: string, body?: unknown) {
  return requestJson(`${world.urls.eam}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${world.tenant.eam.apiKey}` },
  });
}

async function eamChange(world: CheckoutWorld, method: string, path: string, body?: unknown) {
  const answer = await eamAdmin(world, method, path, body);
  if (answer.status >= 300)
    throw new HarnessFault(
      `Set-up in EAM failed: ${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  return answer.body;
}

function policyIdOf(world: CheckoutWorld, person: Person): string {
  const user = world.tenant.eam.users.find((u) => u.userPrincipalName === person.userPrincipalName);
  if (!user) throw new HarnessFault(`${person.key} is not an EAM user`);
  return user.policyId;
}

const SECOND_FACTORS: Record<string, string> = {
  'no second factor': 'none',
  'the badge tap': 'badge',
  'a PIN': 'pin',
  'a security key': 'security_key',
  'any of them': 'any',
};

function secondFactorCode(words: string): string {
  const code = SECOND_FACTORS[words];
  if (!code)
    throw new HarnessFault(
      `Unknown second factor "${words}"; use one of ${Object.keys(SECOND_FACTORS).join(', ')}`,
    );
  return code;
}

// ---- EAM appliance and user policies (PRE-11, CO-02, CO-03, CO-07, CO-11, PRE-08) ----

Given(
  'the EAM appliances run version {string}',
  async function (this: CheckoutWorld, version: string) {
    await eamChange(this, 'PUT', '/api/v1/appliance/version', { version });
    const appliance = await eamChange(this, 'GET', '/api/v1/appliance');
    if (appliance.version !== version)
      throw new HarnessFault(`EAM still reports ${appliance.version}`);
  },
);

When(
  "an administrator pairs face recognition with {string} in {person}'s user policy",
  async function (this: CheckoutWorld, words: string, person: Person) {
    this.person ??= person;
    this.lastEamAnswer = await eamAdmin(
      this,
      'PUT',
      `/api/v1/user-policies/${policyIdOf(this, person)}`,
      { secondFactor: secondFactorCode(words) },
    );
  },
);

Given(
  "{person}'s user policy pairs face recognition with {string}",
  async function (this: CheckoutWorld, person: Person, words: string) {
    const answer = await eamAdmin(
      this,
      'PUT',
      `/api/v1/user-policies/${policyIdOf(this, person)}`,
      { secondFactor: secondFactorCode(words) },
    );
    // On 25.4 and later EAM refuses "no second factor"; the policy then keeps what it had.
    if (answer.status >= 300 && answer.body?.error?.code !== 'second_factor_unavailable') {
      throw new HarnessFault(`EAM refused the policy change: ${JSON.stringify(answer.body)}`);
    }
  },
);

Given(
  "{person}'s user policy does not allow the proximity card as a primary factor",
  async function (this: CheckoutWorld, person: Person) {
    await eamChange(this, 'PUT', `/api/v1/user-policies/${policyIdOf(this, person)}`, {
      primaryMethods: ['face', 'password', 'pin'],
    });
  },
);

When(
  "an administrator sets {person}'s second-factor grace period to {int} minutes",
  async function (this: CheckoutWorld, person: Person, minutes: number) {
    this.lastEamAnswer = await eamAdmin(
      this,
      'PUT',
      `/api/v1/user-policies/${policyIdOf(this, person)}`,
      { gracePeriodMinutes: minutes },
    );
  },
);

Then('EAM accepts the change', function (this: CheckoutWorld) {
  const answer = this.lastEamAnswer;
  assert.ok(answer, 'no EAM change was made');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
});

Then('EAM accepts it with the warning {string}', function (this: CheckoutWorld, words: string) {
  const answer = this.lastEamAnswer!;
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.ok(
    answer.body.warnings.some((w: string) => w.includes(words)),
    `warnings: ${JSON.stringify(answer.body.warnings)}`,
  );
});

Then('EAM refuses it, saying {string}', function (this: CheckoutWorld, words: string) {
  const answer = this.lastEamAnswer!;
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.ok(String(answer.body.error?.message).includes(words), answer.body.error?.message);
});

Given('the EAM {string} licence is missing', async function (this: CheckoutWorld, licence: string) {
  const keys: Record<string, string> = {
    'Authentication Management': 'authenticationManagement',
    'Confirm ID for Remote Access': 'confirmIdRemoteAccess',
  };
  if (!keys[licence]) throw new HarnessFault(`Unknown licence "${licence}"`);
  await eamChange(this, 'PUT', '/api/v1/licences', { [keys[licence]!]: false });
});

Given('the cloud services amendment is not signed', async function (this: CheckoutWorld) {
  const answer = await requestJson(`${this.urls.cloud}/api/v1/tenant/agreements`, {
    method: 'PUT',
    body: { cloudServicesAmendment: false },
    headers: { authorization: `Bearer ${this.tenant.cloud.integrationToken}` },
  });
  if (answer.status !== 200 || answer.body.cloudServicesAmendment !== false)
    throw new HarnessFault(`The amendment could not be unset: ${JSON.stringify(answer.body)}`);
});

// ---- Computer policies (CO-08, CO-09, CO-10) ----

Given(
  'the computer policy of Launchpad {string} has an override allowing only {string}',
  async function (this: CheckoutWorld, launchpadId: string, methods: string) {
    const policyId = this.tenant.eam.hosts[launchpadId];
    if (!policyId)
      throw new HarnessFault(`Launchpad ${launchpadId} is not an EAM computer in the fixture`);
    await eamChange(this, 'PUT', `/api/v1/computer-policies/${policyId}`, {
      override: { allowedMethods: methods.split(',').map((m) => m.trim()) },
    });
  },
);

Given(
  'Launchpad {string} is moved to the computer policy {string}',
  async function (this: CheckoutWorld, launchpadId: string, policyId: string) {
    await eamChange(this, 'PUT', `/api/v1/hosts/${launchpadId}`, { policyId });
  },
);

Given(
  'the iOS device {string} is not listed as a Prove ID Web device',
  async function (this: CheckoutWorld, deviceId: string) {
    await eamChange(this, 'PUT', `/api/v1/prove-id-devices/${deviceId}`, { policyId: null });
  },
);

// ---- Devices (PRE-09) ----

Given(
  'the phone {string} runs Locker {string}',
  async function (this: CheckoutWorld, deviceId: string, version: string) {
    const answer = await requestJson(`${this.urls.mam}/api/v1/devices/${deviceId}`, {
      method: 'PATCH',
      body: { lockerVersion: version },
    });
    if (answer.status !== 200 || answer.body.lockerVersion !== version)
      throw new HarnessFault(
        `MAM did not record Locker ${version} on ${deviceId}: ${JSON.stringify(answer.body)}`,
      );
  },
);

// ---- The platform clock and check-in (CO-07, CO-13) ----

When('{int} minutes pass', async function (this: CheckoutWorld, minutes: number) {
  await this.control.advanceClock(minutes * 60_000);
});

When('{int} seconds pass', async function (this: CheckoutWorld, seconds: number) {
  await this.control.advanceClock(seconds * 1000);
});

When('she/he checks the phone back in', async function (this: CheckoutWorld) {
  const { deviceId } = this.currentSession();
  const answer = await requestJson(`${this.urls.mam}/api/v1/devices/${deviceId}/check-in`, {
    body: {},
  });
  assert.equal(answer.status, 200, `check-in refused: ${JSON.stringify(answer.body)}`);
  assert.equal((await this.device(deviceId)).status, 'docked');
  await this.context?.close();
  this.context = undefined;
  this.page = undefined;
});

// ---- Face attempts, enrolment and camera (CO-12, CO-13, CO-06) ----

When('she/he tries face recognition again', async function (this: CheckoutWorld) {
  await this.currentPage().getByRole('button', { name: 'Try face again' }).click();
  await waitForRest(this);
});

When(
  'she/he tries face recognition {int} more times',
  async function (this: CheckoutWorld, times: number) {
    for (let i = 0; i < times; i++) {
      const screen = await screenText(this);
      if (!screen.buttons.includes('Try face again')) break;
      await this.currentPage().getByRole('button', { name: 'Try face again' }).click();
      await waitForRest(this);
    }
  },
);

Then(
  'the audit log records {int} failed face attempts for this check-out',
  async function (this: CheckoutWorld, count: number) {
    const { body } = await requestJson(
      `${this.urls.mam}/api/v1/audit?sessionId=${this.currentSession().sessionId}`,
    );
    const failures = body.value.filter(
      (e: { event: string; result: string }) =>
        e.event === 'face_attempt' && e.result === 'failure',
    );
    assert.equal(failures.length, count);
  },
);

Given('{person} has not enrolled a face', async function (this: CheckoutWorld, person: Person) {
  this.person = person;
  const answer = await requestJson(
    `${this.urls.cloud}/api/v1/face/enrolments/${encodeURIComponent(person.userPrincipalName)}`,
    { headers: { authorization: `Bearer ${this.tenant.cloud.integrationToken}` } },
  );
  if (answer.body?.enrolled !== false) throw new HarnessFault(`${person.key} is enrolled already`);
});

Then(
  'the phone asks for her/his consent to enrol her/his face',
  async function (this: CheckoutWorld) {
    const screen = await screenText(this);
    assert.equal(screen.state, 'consent', `The phone shows "${screen.status}" ${screen.message}`);
    assert.match(screen.message, /template of it, not the picture/);
    assert.deepEqual(screen.buttons.slice(0, 2), ['I agree', 'No thanks']);
  },
);

When('she/he agrees to enrol her/his face', async function (this: CheckoutWorld) {
  await this.currentPage().getByRole('button', { name: 'I agree' }).click();
  await waitForRest(this);
});

When('she/he declines to enrol her/his face', async function (this: CheckoutWorld) {
  await this.currentPage().getByRole('button', { name: 'No thanks' }).click();
  await waitForRest(this);
});

Then(
  'the cloud platform received no picture of {person}',
  async function (this: CheckoutWorld, person: Person) {
    const journal = await this.control.journal('cloud');
    const uploads = journal.filter(
      (e) =>
        e.method === 'POST' &&
        (e.path.startsWith('/api/v1/face/enrolments') || e.path.startsWith('/api/v1/face/verify')),
    );
    assert.deepEqual(
      uploads.map((e) => e.path),
      [],
    );
    const status = await requestJson(
      `${this.urls.cloud}/api/v1/face/enrolments/${encodeURIComponent(person.userPrincipalName)}`,
      { headers: { authorization: `Bearer ${this.tenant.cloud.integrationToken}` } },
    );
    assert.equal(status.body.enrolled, false, `${person.key} has an enrolled face`);
  },
);

Given('camera access is revoked while the camera opens', function (this: CheckoutWorld) {
  this.camera.revokeAfterOpen = true;
});

When('she/he walks away from the phone', async function (this: CheckoutWorld) {
  const { sessionId, deviceId } = this.currentSession();
  const answer = await requestJson(`${this.urls.mam}/api/v1/sessions/${sessionId}/cancel`, {
    body: {},
  });
  assert.equal(answer.status, 200, `cancel refused: ${JSON.stringify(answer.body)}`);
  assert.equal((await this.device(deviceId)).status, 'docked');
});
