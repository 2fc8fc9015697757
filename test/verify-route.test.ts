import assert from 'node:assert/strict';
import { request } from 'node:http';
import { beforeEach, test } from 'node:test';

import { frameHeaders, sendFrame } from '../clients/face-frames';
import { requestJson } from '../clients/json-http';
import {
  cameraFrame,
  encodePgm,
  encodePng,
  LOCKER_FRAME_SIZE,
  renderFace,
  renderPrintedPhoto,
} from '../fixtures/faces';
import { usePlatform } from './support/platform';

// The verify call is served without express; it must still behave as every other
// route of the cloud does: journalled, under the latency profile and scripts, with
// the cloud's error shape and CORS for the Locker page.
const platform = usePlatform();

beforeEach(async () => {
  await platform().platform.reset();
});

async function adaTicket(): Promise<string> {
  const { urls, platform: p } = platform();
  const ada = p.state.tenant.people.find((person) => person.key === 'Ada')!;
  const tap = await requestJson(`${urls.mam}/api/v1/launchpads/LP-ICU-1/taps`, {
    body: { badgeId: ada.badgeId },
  });
  return tap.body.face.ticket;
}

const adaFace = () =>
  cameraFrame(platform().platform.state.tenant.people.find((p) => p.key === 'Ada')!.faceSeed);

test('a greymap and a PNG of the same face both match, and each is journalled', async () => {
  const { urls, platform: p } = platform();
  const ticket = await adaTicket();
  const seed = p.state.tenant.people.find((person) => person.key === 'Ada')!.faceSeed;
  const pgm = await sendFrame(urls.cloud, ticket, adaFace());
  const png = await sendFrame(urls.cloud, ticket, encodePng(renderFace(seed)), 'image/png');
  assert.deepEqual([pgm.status, pgm.body.result], [200, 'match']);
  assert.deepEqual([png.status, png.body.result], [200, 'match']);

  const verifies = p.services.cloud.journal.list().filter((e) => e.path === '/api/v1/face/verify');
  assert.deepEqual(
    verifies.map((e) => `${e.method} ${e.status} ${e.handled}`),
    ['POST 200 true', 'POST 200 true'],
  );
  assert.ok(verifies.every((e) => e.correlationId.length > 0 && e.latencyMs >= 0));
});

test('a JSON body, a missing ticket and an unknown ticket each get their own error', async () => {
  const { urls } = platform();
  const json = await requestJson(`${urls.cloud}/api/v1/face/verify`, {
    body: { ticket: 't', image: 'AAAA' },
  });
  assert.equal(json.status, 415);
  assert.match(json.body.error.message, /send image\/x-portable-graymap or image\/png/);

  const noTicket = await requestJson(`${urls.cloud}/api/v1/face/verify`, {
    bytes: adaFace(),
    headers: { 'content-type': 'image/x-portable-graymap' },
  });
  assert.equal(noTicket.status, 400);
  assert.match(noTicket.body.error.message, /x-face-ticket header/);

  const unknown = await sendFrame(urls.cloud, 'no-such-ticket', adaFace());
  assert.deepEqual([unknown.status, unknown.body.error.code], [401, 'invalid_ticket']);
});

test('the Locker page may call it from the MAM origin: preflight and answer carry CORS', async () => {
  const { urls } = platform();
  const preflight = await fetch(`${urls.cloud}/api/v1/face/verify`, {
    method: 'OPTIONS',
    headers: {
      origin: urls.mam,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-face-ticket',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST');
  assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type,x-face-ticket');

  const answer = await fetch(`${urls.cloud}/api/v1/face/verify`, {
    method: 'POST',
    headers: { origin: urls.mam, ...frameHeaders('no-such-ticket') },
    body: adaFace(),
  });
  assert.equal(answer.status, 401);
  assert.equal(answer.headers.get('access-control-allow-origin'), '*');
});

test('an injected error on the verify call is readable by the page: the cloud error, with CORS', async () => {
  const { urls } = platform();
  await requestJson(`${urls.control}/services/cloud/latency-profile`, {
    method: 'PUT',
    body: { distribution: 'none', errorRate: 1 },
  });
  const answer = await fetch(`${urls.cloud}/api/v1/face/verify`, {
    method: 'POST',
    headers: { origin: urls.mam, ...frameHeaders('any') },
    body: adaFace(),
  });
  assert.equal(answer.status, 503);
  assert.equal(answer.headers.get('access-control-allow-origin'), '*');
  assert.equal(((await answer.json()) as any).error.code, 'injected_error');
});

test('a scripted answer and an injected delay reach the verify call as any other', async () => {
  const { urls, platform: p } = platform();
  const ticket = await adaTicket();
  await requestJson(`${urls.control}/services/cloud/scripts`, {
    body: { method: 'POST', path: '/api/v1/face/verify', status: 503, body: { down: true } },
  });
  const scripted = await sendFrame(urls.cloud, ticket, adaFace());
  assert.deepEqual([scripted.status, scripted.body], [503, { down: true }]);
  assert.equal(p.services.cloud.journal.list().at(-1)!.scripted, true);

  await requestJson(`${urls.control}/services/cloud/latency`, { body: { ms: 40 } });
  const started = performance.now();
  const delayed = await sendFrame(urls.cloud, ticket, adaFace());
  assert.equal(delayed.body.result, 'match');
  assert.ok(performance.now() - started >= 40, 'the 40 ms delay was applied');
});

test('the path matches as express routes do: any case, with or without a trailing slash', async () => {
  const { urls } = platform();
  const ticket = await adaTicket();
  for (const path of ['/api/v1/face/verify/', '/API/v1/Face/Verify', '/api/v1/face/verify?x=1']) {
    const answer = await requestJson(`${urls.cloud}${path}`, {
      bytes: adaFace(),
      headers: frameHeaders(ticket),
    });
    assert.equal(answer.body.result, 'match', path);
  }
});

test('a request in absolute form reaches the same route, journalled handled', async () => {
  const { urls, platform: p } = platform();
  const ticket = await adaTicket();
  const { hostname, port } = new URL(urls.cloud);
  const frame = adaFace();
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        method: 'POST',
        path: `http://${hostname}:${port}/api/v1/face/verify`,
        headers: { ...frameHeaders(ticket), 'content-length': frame.length },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(frame);
  });
  assert.equal(answer.status, 200, answer.body);
  assert.equal(JSON.parse(answer.body).result, 'match');
  assert.equal(p.services.cloud.journal.list().at(-1)!.handled, true);
});

test('a printed photo is no face to enrol: refused as not live, nothing stored', async () => {
  const { urls, platform: p } = platform();
  const noah = p.state.tenant.people.find((person) => person.key === 'Noah')!;
  const before = p.state.cloud.enrolments.get(noah.userPrincipalName.toLowerCase());
  const answer = await requestJson(`${urls.cloud}/api/v1/face/enrolments`, {
    headers: { authorization: `Bearer ${p.state.cloud.integrationToken}` },
    body: {
      userPrincipalName: noah.userPrincipalName,
      consent: true,
      image: encodePgm(renderPrintedPhoto(noah.faceSeed, LOCKER_FRAME_SIZE)).toString('base64'),
    },
  });
  assert.deepEqual([answer.status, answer.body.error.code], [422, 'not_live']);
  assert.equal(p.state.cloud.enrolments.get(noah.userPrincipalName.toLowerCase()), before);
});

test('an enrolment with a frame too small to fill the template is refused, nothing stored', async () => {
  const { urls, platform: p } = platform();
  const noah = p.state.tenant.people.find((person) => person.key === 'Noah')!;
  const answer = await requestJson(`${urls.cloud}/api/v1/face/enrolments`, {
    headers: { authorization: `Bearer ${p.state.cloud.integrationToken}` },
    body: {
      userPrincipalName: noah.userPrincipalName,
      consent: true,
      image: encodePgm(renderFace(noah.faceSeed, 40)).toString('base64'),
    },
  });
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error.code, 'invalid_frame');
  assert.match(answer.body.error.message, /face region is 22x26 pixels/);
});

test('another method on the verify path is unknown, journalled as unhandled', async () => {
  const { urls, platform: p } = platform();
  const answer = await fetch(`${urls.cloud}/api/v1/face/verify`);
  // Refused by the cloud's token check first, as any unknown /api route is.
  assert.equal(answer.status, 401);
  assert.equal(p.services.cloud.journal.list().at(-1)!.handled, false);
});
