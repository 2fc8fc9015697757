import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';

import { launchBrowser } from '../harness/browser';
import {
  checkCameraProbe,
  installCamera,
  probeCamera,
  setCameraPermission,
} from '../harness/camera';
import { encodePng, renderFace, toDataUrl } from '../fixtures/faces';

// BR-17: the harness's own denial must take effect, even over an earlier grant.
let browser: Browser;
let server: Server;
let origin: string;

before(async () => {
  server = createServer((_req, res) =>
    res.end('<!doctype html><title>t</title><link rel="icon" href="data:,">'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('a denial through the DevTools protocol overrides a grant', { timeout: 20_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin);
  await setCameraPermission(context, page, origin, 'granted');
  assert.deepEqual(await probeCamera(page), { permission: 'granted', getUserMedia: 'stream' });
  await setCameraPermission(context, page, origin, 'denied');
  const probe = await probeCamera(page);
  assert.deepEqual(probe, { permission: 'denied', getUserMedia: 'NotAllowedError' });
  checkCameraProbe(probe, 'denied');
  await context.close();
});

test('the self-check refuses a camera that is not in the state asked for', () => {
  assert.throws(
    () => checkCameraProbe({ permission: 'granted', getUserMedia: 'stream' }, 'denied'),
    /did not take effect/,
  );
  assert.throws(
    () => checkCameraProbe({ permission: 'prompt', getUserMedia: 'NotAllowedError' }, 'granted'),
    /did not take effect/,
  );
});

test(
  "the virtual camera shows the scenario's face, not the fake device's pattern",
  { timeout: 20_000 },
  async () => {
    const context = await browser.newContext();
    await installCamera(context, toDataUrl(encodePng(renderFace('face:test'))));
    const page = await context.newPage();
    await page.goto(origin);
    await setCameraPermission(context, page, origin, 'granted');
    const centre = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      const video = document.createElement('video');
      video.srcObject = stream;
      video.muted = true;
      await video.play();
      await new Promise((resolve) => video.requestVideoFrameCallback(() => resolve(null)));
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 96;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(video, 0, 0, 96, 96);
      stream.getTracks().forEach((t) => t.stop());
      return Array.from(ctx.getImageData(0, 0, 96, 96).data.slice(0, 4));
    });
    const face = renderFace('face:test');
    const expected = Array.from(face.pixels.subarray(0, 4));
    assert.ok(
      centre.every((v, i) => Math.abs(v - expected[i]!) <= 12),
      `corner pixel ${centre} vs ${expected}`,
    );
    await context.close();
  },
);
