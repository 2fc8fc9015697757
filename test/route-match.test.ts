import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';

import { routeExists } from '../mocks/platform/route-match';
import { usePlatform } from './support/platform';

test('routes are found by method and path, through nested routers', () => {
  const router = express.Router();
  const api = express.Router();
  api.get('/users/:id', (_req, res) => res.end());
  router.use('/v1.0', api);
  router.post('/taps', (_req, res) => res.end());
  router.use('/api', (_req, _res, next) => next());

  assert.equal(routeExists(router, 'GET', '/v1.0/users/42'), true);
  assert.equal(routeExists(router, 'POST', '/v1.0/users/42'), false);
  assert.equal(routeExists(router, 'GET', '/v1.0/groups'), false);
  assert.equal(routeExists(router, 'POST', '/taps'), true);
  assert.equal(routeExists(router, 'OPTIONS', '/taps'), true);
  assert.equal(routeExists(router, 'GET', '/api/anything'), false);
});

const platform = usePlatform();

test('an unknown route refused before routing (401, 415, 413) is still journalled unhandled', async () => {
  const { urls, platform: p } = platform();
  await fetch(`${urls.cloud}/api/v1/nowhere`);
  await fetch(`${urls.graph}/v1.0/nowhere`);
  await fetch(`${urls.mam}/api/v1/nope`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'x',
  });
  await fetch(`${urls.cloud}/api/v1/nope`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ a: 'x'.repeat(2_000_000) }),
  });
  const unhandled = ['cloud', 'graph', 'mam']
    .flatMap((name) => p.services[name as 'cloud'].journal.list())
    .filter((e) => !e.handled);
  assert.deepEqual(unhandled.map((e) => `${e.status} ${e.service}${e.path}`).sort(), [
    '401 cloud/api/v1/nowhere',
    '401 graph/v1.0/nowhere',
    '413 cloud/api/v1/nope',
    '415 mam/api/v1/nope',
  ]);
});

test('a known route refused for its token or body is journalled handled', async () => {
  const { urls, platform: p } = platform();
  await fetch(`${urls.graph}/v1.0/users`);
  await fetch(`${urls.cloud}/api/v1/face/verify`, {
    method: 'OPTIONS',
    headers: { origin: urls.mam, 'access-control-request-method': 'POST' },
  });
  const last = [p.services.graph.journal.list().at(-1)!, p.services.cloud.journal.list().at(-1)!];
  assert.deepEqual(
    last.map((e) => `${e.method} ${e.path} ${e.handled}`),
    ['GET /v1.0/users true', 'OPTIONS /api/v1/face/verify true'],
  );
});
