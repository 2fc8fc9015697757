import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { requestJson } from '../clients/json-http';
import { sendFrame } from '../clients/face-frames';
import {
  cameraFrame,
  encodePgm,
  LOCKER_FRAME_SIZE,
  renderBlankFrame,
  renderPrintedPhoto,
} from '../fixtures/faces';
import type { Person } from '../fixtures/tenant';
import { usePlatform } from './support/platform';

// The check-out through the APIs alone, as a device without a browser would drive it.
const platform = usePlatform();

beforeEach(async () => {
  await platform().platform.reset();
});

const person = (key: string): Person =>
  platform().platform.state.tenant.people.find((p) => p.key === key)!;

async function tap(badgeId: string, launchpadId = 'LP-ICU-1') {
  return requestJson(`${platform().urls.mam}/api/v1/launchpads/${launchpadId}/taps`, {
    body: { badgeId },
  });
}

const sendFace = (ticket: string, frame: Buffer) => sendFrame(platform().urls.cloud, ticket, frame);

async function device(id: string) {
  return (await requestJson(`${platform().urls.mam}/api/v1/devices/${id}`)).body;
}

test('badge, own face: the device is checked out, then checked in and docked again', async () => {
  const ada = person('Ada');
  const session = (await tap(ada.badgeId)).body;
  assert.equal(session.face.offered, true);
  const verified = await sendFace(session.face.ticket, cameraFrame(ada.faceSeed));
  assert.equal(verified.body.result, 'match');

  const done = await requestJson(
    `${platform().urls.mam}/api/v1/sessions/${session.sessionId}/face`,
    { body: { verificationId: verified.body.verificationId } },
  );
  assert.equal(done.body.status, 'checked_out');
  assert.equal((await device(session.deviceId)).checkedOutTo, ada.userPrincipalName);

  const checkIn = await requestJson(
    `${platform().urls.mam}/api/v1/devices/${session.deviceId}/check-in`,
    { body: {} },
  );
  assert.equal(checkIn.body.status, 'docked');
  const again = await requestJson(
    `${platform().urls.mam}/api/v1/devices/${session.deviceId}/check-in`,
    { body: {} },
  );
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'device_not_checked_out');
});

test('another face, an empty frame, a printed photo and a non-image each get their own answer', async () => {
  const session = (await tap(person('Ada').badgeId)).body;
  assert.equal(
    (await sendFace(session.face.ticket, cameraFrame(person('Omar').faceSeed))).body.result,
    'no_match',
  );
  assert.equal(
    (await sendFace(session.face.ticket, encodePgm(renderBlankFrame()))).body.result,
    'no_face',
  );
  const photo = encodePgm(renderPrintedPhoto(person('Ada').faceSeed, LOCKER_FRAME_SIZE));
  // Refused before matching: no score tells the holder of a print that it is the right face.
  const refused = (await sendFace(session.face.ticket, photo)).body;
  assert.deepEqual([refused.result, refused.score], ['not_live', 0]);
  const notImage = await sendFace(
    session.face.ticket,
    Buffer.from('<svg/> pretending to be a png'),
  );
  assert.equal(notImage.status, 400);
  assert.equal(notImage.body.error.code, 'invalid_frame');
  assert.equal((await device(session.deviceId)).status, 'reserved');
});

test('a verification made for another session is refused', async () => {
  const ada = (await tap(person('Ada').badgeId)).body;
  const omar = (await tap(person('Omar').badgeId)).body;
  const omarFace = await sendFace(omar.face.ticket, cameraFrame(person('Omar').faceSeed));
  const stolen = await requestJson(`${platform().urls.mam}/api/v1/sessions/${ada.sessionId}/face`, {
    body: { verificationId: omarFace.body.verificationId },
  });
  assert.equal(stolen.status, 403);
});

test('a wrong password is audited and leaves the device reserved, the right one checks out', async () => {
  const lena = person('Lena');
  platform().platform.state.cloud.enrolments.clear();
  const session = (await tap(lena.badgeId)).body;
  assert.equal(session.status, 'awaiting_consent');
  const declined = await requestJson(
    `${platform().urls.mam}/api/v1/sessions/${session.sessionId}/enrolment`,
    { body: { consent: false } },
  );
  assert.equal(declined.body.face.reason, 'consent_declined');
  const url = `${platform().urls.mam}/api/v1/sessions/${session.sessionId}/fallback`;
  assert.equal(
    (await requestJson(url, { body: { method: 'password', secret: 'nope' } })).body.status,
    'awaiting_fallback',
  );
  assert.equal(
    (await requestJson(url, { body: { method: 'password', secret: lena.password } })).body.status,
    'checked_out',
  );
  const audit = (
    await requestJson(`${platform().urls.mam}/api/v1/audit?sessionId=${session.sessionId}`)
  ).body.value;
  assert.deepEqual(
    audit.map((e: any) => `${e.event}:${e.result}`),
    [
      'badge_tap:success',
      'enrolment:failure',
      'face_unavailable:unavailable',
      'fallback_attempt:failure',
      'fallback_attempt:success',
      'checked_out:success',
    ],
  );
});

test('a method the policy does not allow is refused', async () => {
  const session = (await tap(person('Priya').badgeId)).body;
  const answer = await requestJson(
    `${platform().urls.mam}/api/v1/sessions/${session.sessionId}/fallback`,
    { body: { method: 'pin', secret: '000000' } },
  );
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error.code, 'method_not_allowed');
});

test('unknown badge, Launchpad, device and session each get a clear 4xx', async () => {
  const { mam } = platform().urls;
  assert.equal((await tap('BADGE-NOBODY')).status, 404);
  assert.equal((await tap(person('Ada').badgeId, 'LP-NOWHERE')).status, 404);
  assert.equal((await requestJson(`${mam}/api/v1/devices/NOPE`)).status, 404);
  assert.equal(
    (await requestJson(`${mam}/api/v1/sessions/nope/face`, { body: { verificationId: 'x' } }))
      .status,
    404,
  );
  assert.equal(
    (await requestJson(`${mam}/api/v1/launchpads/LP-ICU-1/taps`, { body: { badge: 1 } })).status,
    400,
  );
});

test('when every phone on a Launchpad is out, a tap is refused and nothing is reserved', async () => {
  const first = await tap(person('Ada').badgeId);
  const second = await tap(person('Omar').badgeId);
  assert.equal(first.status, 201);
  assert.equal(second.status, 201);
  const third = await tap(person('Priya').badgeId);
  assert.equal(third.status, 409);
  assert.equal(third.body.error.code, 'no_device_available');
});

test('an EAM outage during a tap leaves no device reserved to nobody', async () => {
  const running = platform();
  running.platform.services.eam.setOffline(true);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const answer = await tap(person('Ada').badgeId);
  running.platform.services.eam.setOffline(false);
  assert.equal(answer.status, 503);
  assert.equal(answer.body.error.code, 'upstream_unreachable');
  for (const d of running.platform.state.mam.devices.values())
    assert.equal(d.status, 'docked', d.id);
});

test('a device may report only camera_denied or cloud_unreachable', async () => {
  const session = (await tap(person('Ada').badgeId)).body;
  const answer = await requestJson(
    `${platform().urls.mam}/api/v1/sessions/${session.sessionId}/face-unavailable`,
    { body: { reason: 'license_missing' } },
  );
  assert.equal(answer.status, 400);
});

test('an abandoned tap goes back to the Launchpad after the reservation time, audited', async () => {
  const running = platform();
  const first = (await tap(person('Ada').badgeId)).body;
  await tap(person('Omar').badgeId);
  assert.equal((await tap(person('Priya').badgeId)).status, 409);
  running.platform.clock.advance(3 * 60_000);
  const again = await tap(person('Priya').badgeId);
  assert.equal(again.status, 201);
  const audit = (await requestJson(`${running.urls.mam}/api/v1/audit?sessionId=${first.sessionId}`))
    .body.value;
  assert.equal(audit.at(-1).event, 'cancelled');
  assert.equal(audit.at(-1).reason, 'reservation_expired');
});

test('a check-out can be cancelled once, not after it completed', async () => {
  const session = (await tap(person('Ada').badgeId)).body;
  const url = `${platform().urls.mam}/api/v1/sessions/${session.sessionId}/cancel`;
  assert.equal((await requestJson(url, { body: {} })).status, 200);
  assert.equal((await device(session.deviceId)).status, 'docked');
  assert.equal((await requestJson(url, { body: {} })).status, 409);
});
