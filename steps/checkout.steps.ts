import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';

import { requestJson } from '../clients/json-http';
import type { Person } from '../fixtures/tenant';
import type { FaceUnavailableReason } from '../mocks/mam/reasons';
import {
  expectFaceRefused,
  expectFinding,
  expectOffers,
  expectUnavailable,
} from './support/screen-checks';
import { HarnessFault } from '../harness/errors';
import { pickUpPhone, screenText, waitForRest } from './support/phone';
import type { CheckoutWorld, SessionView } from './support/world';

const BUTTONS = { password: 'Use password', pin: 'Use PIN' } as const;

async function tap(world: CheckoutWorld, badgeId: string, launchpadId: string) {
  return requestJson(`${world.urls.mam}/api/v1/launchpads/${launchpadId}/taps`, {
    body: { badgeId },
  });
}

When(
  '{person} taps her/his badge on Launchpad {string}',
  async function (this: CheckoutWorld, person: Person, launchpadId: string) {
    this.person = person;
    const { status, body } = await tap(this, person.badgeId, launchpadId);
    assert.equal(
      status,
      201,
      `MAM refused ${person.key}'s badge tap at ${launchpadId}: ${JSON.stringify(body)}`,
    );
    this.session = body as SessionView;
  },
);

When(
  'someone taps an unknown badge {string} on Launchpad {string}',
  async function (this: CheckoutWorld, badgeId: string, launchpadId: string) {
    const { status, body } = await tap(this, badgeId, launchpadId);
    assert.equal(
      status,
      404,
      `An unknown badge should be refused with 404; MAM answered ${status}`,
    );
    assert.equal(body.error?.code, 'badge_unknown');
  },
);

When('she/he picks up the phone that lights up', async function (this: CheckoutWorld) {
  await pickUpPhone(this);
});

When(
  'she/he completes check-out with {method}',
  async function (this: CheckoutWorld, method: 'password' | 'pin') {
    const page = this.currentPage();
    const person = this.currentPerson();
    await page.getByRole('button', { name: BUTTONS[method] }).click();
    await page.locator('#secret').fill(method === 'pin' ? person.pin : person.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForRest(this);
  },
);

When('she/he enters her/his PIN', async function (this: CheckoutWorld) {
  const page = this.currentPage();
  const screen = await screenText(this);
  assert.equal(
    screen.state,
    'second-factor',
    `The phone should ask for the PIN; it shows "${screen.status}"`,
  );
  await page.locator('#secret').fill(this.currentPerson().pin);
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForRest(this);
});

Then(
  'the phone is checked out to {person} with {method}',
  async function (this: CheckoutWorld, person: Person, method: string) {
    const screen = await screenText(this);
    assert.equal(
      screen.state,
      'checked-out',
      `The phone shows "${screen.status}" ${screen.message}`,
    );
    const device = await this.device(this.currentSession().deviceId);
    assert.deepEqual(
      { status: device.status, to: device.checkedOutTo, with: device.checkedOutWith },
      { status: 'checked_out', to: person.userPrincipalName, with: method },
    );
  },
);

Then('the phone is not checked out', async function (this: CheckoutWorld) {
  const device = await this.device(this.currentSession().deviceId);
  assert.notEqual(device.status, 'checked_out', `Device is checked out to ${device.checkedOutTo}`);
});

Then(
  'the phone asks for her/his PIN after recognising her/his face',
  async function (this: CheckoutWorld) {
    const screen = await screenText(this);
    assert.equal(
      screen.state,
      'second-factor',
      `The phone shows "${screen.status}" instead of asking for the PIN`,
    );
  },
);

Then(
  'the phone says face recognition is unavailable with reason {reason}',
  async function (this: CheckoutWorld, reason: FaceUnavailableReason) {
    await expectUnavailable(this, reason);
  },
);

Then(
  'checking that the phone says face recognition is unavailable with reason {reason} fails',
  async function (this: CheckoutWorld, reason: FaceUnavailableReason) {
    await expectFinding(() => expectUnavailable(this, reason), `the phone says ${reason}`);
  },
);

Then('the phone says the face was not recognised', function (this: CheckoutWorld) {
  return expectFaceRefused(this, 'no_match');
});

Then('the phone says no face was found', function (this: CheckoutWorld) {
  return expectFaceRefused(this, 'no_face');
});

Then('the phone says the picture is not a live face', function (this: CheckoutWorld) {
  return expectFaceRefused(this, 'not_live');
});

Then('the phone offers {string}', async function (this: CheckoutWorld, list: string) {
  await expectOffers(this, list);
});

Then(
  'checking that the phone offers {string} fails',
  async function (this: CheckoutWorld, list: string) {
    await expectFinding(() => expectOffers(this, list), `the phone offers ${list}`);
  },
);

Then(
  'face recognition is not offered, with reason {reason}',
  function (this: CheckoutWorld, reason: string) {
    const session = this.currentSession();
    assert.equal(session.face.offered, false, 'MAM offered face recognition');
    assert.equal(session.face.reason, reason);
    assert.ok(session.fallbackMethods.length > 0, 'No other method is offered');
  },
);

Then('face recognition is offered', function (this: CheckoutWorld) {
  const session = this.currentSession();
  assert.equal(
    session.face.offered,
    true,
    `MAM did not offer face recognition: ${session.face.reason}`,
  );
});

Then(
  'the cloud platform received nothing after it went down',
  async function (this: CheckoutWorld) {
    if (!this.cloudOutage)
      throw new HarnessFault('The scenario never took the cloud platform down');
    const after = await this.control.journal('cloud', this.cloudOutage.journalSeq);
    const { refusedConnections } = await this.control.connections('cloud');
    assert.deepEqual(
      after.map((e) => `${e.method} ${e.path}`),
      [],
      'The cloud platform answered requests while it was down',
    );
    // The outage must be why face was unavailable: something really tried to connect.
    if (refusedConnections <= this.cloudOutage.refusedBefore) {
      throw new HarnessFault(
        'Nothing tried to reach the cloud during the outage, so the outage was not what the scenario tested',
      );
    }
  },
);

Then('the cloud platform received no face from the phone', async function (this: CheckoutWorld) {
  const journal = await this.control.journal('cloud');
  const verifies = journal.filter((e) => e.path.startsWith('/api/v1/face/verify'));
  assert.deepEqual(
    verifies.map((e) => `${e.method} ${e.path}`),
    [],
  );
  if (this.blockedCloudRequests === 0) {
    throw new HarnessFault(
      'The phone never tried the cloud, so the missing internet access was not what the scenario tested',
    );
  }
});

Given(
  'the product carries the planted fault {string}',
  async function (this: CheckoutWorld, fault: string) {
    const answer = await requestJson(`${this.urls.control}/faults`, {
      method: 'PUT',
      body: { planted: [fault] },
    });
    if (answer.status !== 200)
      throw new HarnessFault(`Could not plant "${fault}": ${JSON.stringify(answer.body)}`);
    this.plantedFaults = true;
  },
);

// ---- EAM as the identity provider of MAM (PRE-02) ----

Then('MAM learned who she/he is from EAM', async function (this: CheckoutWorld) {
  const tapEntry = (await this.control.journal('mam'))
    .filter((e) => e.path.endsWith('/taps'))
    .at(-1);
  if (!tapEntry) throw new HarnessFault('MAM journalled no badge tap');
  const lookups = (await this.control.journal('eam')).filter(
    (e) =>
      e.correlationId === tapEntry.correlationId &&
      e.path === `/api/v1/badges/${this.currentPerson().badgeId}`,
  );
  assert.equal(lookups.length, 1, 'MAM did not ask EAM who owns the badge for this tap');
  assert.equal(lookups[0]!.status, 200);
});

When(
  '{person} taps her/his badge on Launchpad {string} while EAM cannot be reached',
  async function (this: CheckoutWorld, person: Person, launchpadId: string) {
    this.person = person;
    await this.control.setOffline('eam', true);
    this.lastTap = await tap(this, person.badgeId, launchpadId);
    await this.control.setOffline('eam', false);
  },
);

Then('no check-out starts and no phone is handed out', async function (this: CheckoutWorld) {
  assert.equal(
    this.lastTap?.status,
    503,
    `MAM answered ${this.lastTap?.status}: ${JSON.stringify(this.lastTap?.body)}`,
  );
  for (const id of ['IPHONE-ICU-01', 'PIXEL-ICU-02'])
    assert.equal((await this.device(id)).status, 'docked', id);
});
