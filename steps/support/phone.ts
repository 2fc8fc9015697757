import {
  encodePng,
  renderBlankFrame,
  renderFace,
  renderPrintedPhoto,
  toDataUrl,
  type RgbImage,
} from '../../fixtures/faces';
import {
  checkCameraProbe,
  installCamera,
  probeCamera,
  setCameraPermission,
} from '../../harness/camera';
import { HarnessFault } from '../../harness/errors';
import type { CameraFeed, CheckoutWorld } from './world';
import { takePhone } from './worker';

/** Screen states in which the Locker page waits for the user (or is done). */
export const RESTING_STATES = [
  'checked-out',
  'unavailable',
  'face-failed',
  'second-factor',
  'consent',
  'error',
] as const;
export type RestingState = (typeof RESTING_STATES)[number];

const frameCache = new Map<string, string>();

function frameFor(feed: CameraFeed): string {
  const key = feed.kind === 'empty' ? 'empty' : `${feed.kind}:${feed.person.faceSeed}`;
  let dataUrl = frameCache.get(key);
  if (!dataUrl) {
    dataUrl = toDataUrl(encodePng(pictureOf(feed)));
    frameCache.set(key, dataUrl);
  }
  return dataUrl;
}

function pictureOf(feed: CameraFeed): RgbImage {
  if (feed.kind === 'face') return renderFace(feed.person.faceSeed);
  if (feed.kind === 'printed-photo') return renderPrintedPhoto(feed.person.faceSeed);
  return renderBlankFrame();
}

/**
 * Opens the phone MAM assigned: a fresh browser context with the scenario's camera
 * and network, checked to be in effect before the Locker page loads.
 */
export async function pickUpPhone(world: CheckoutWorld): Promise<RestingState> {
  const session = world.currentSession();
  const phone = await takePhone();
  world.context = phone.context;
  world.page = phone.page;
  const feed = world.camera.feed ?? { kind: 'face', person: world.currentPerson() };
  await installCamera(world.context, frameFor(feed), {
    revokeAfterOpen: world.camera.revokeAfterOpen === true,
  });

  const mam = world.urls.mam;
  await world.page.goto(`${mam}/locker`);
  await setCameraPermission(world.context, world.page, mam, world.camera.permission);
  checkCameraProbe(await probeCamera(world.page), world.camera.permission);

  if (world.deviceOffline) {
    // The phone reaches the hospital network (MAM) but not the internet (the cloud).
    await world.context.route(`${world.urls.cloud}/**`, async (route) => {
      world.blockedCloudRequests += 1;
      await route.abort('internetdisconnected');
    });
  }

  await world.page.goto(`${mam}/locker/${session.deviceId}`);
  return waitForRest(world);
}

/** Waits until the Locker page stops working and shows a state the user acts on. */
export async function waitForRest(world: CheckoutWorld): Promise<RestingState> {
  const page = world.currentPage();
  try {
    await page.waitForFunction(
      (states) =>
        states.includes(document.querySelector<HTMLElement>('#status')?.dataset.state ?? ''),
      RESTING_STATES as unknown as string[],
      { timeout: 10_000 },
    );
  } catch {
    const state = await page.locator('#status').getAttribute('data-state');
    throw new HarnessFault(`The Locker page did not settle within 10 s; it is still "${state}"`);
  }
  return (await page.locator('#status').getAttribute('data-state')) as RestingState;
}

export async function screenText(world: CheckoutWorld) {
  const page = world.currentPage();
  return {
    state: await page.locator('#status').getAttribute('data-state'),
    status: (await page.locator('#status').textContent())?.trim() ?? '',
    message: (await page.locator('#message').textContent())?.trim() ?? '',
    reason: await page.locator('#message').getAttribute('data-reason'),
    buttons: (await page.locator('#methods button').allTextContents()).map((t) => t.trim()),
  };
}

export function assertNoHarnessGap(condition: boolean, message: string): void {
  if (!condition) throw new HarnessFault(message);
}
