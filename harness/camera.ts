import type { BrowserContext, Page } from 'playwright-core';

import { HarnessFault } from './errors';

export type CameraPermission = 'granted' | 'denied';

/**
 * A virtual camera for one browser context. Chromium's fake capture device supplies
 * the stream, so permission prompts and denials stay the browser's own; this script
 * then replaces the stream's picture with the scenario's frame (a person's face or an
 * empty frame). When the underlying track ends, the virtual one ends too.
 */
function installVirtualCamera({
  frameDataUrl,
  revokeAfterOpen,
}: {
  frameDataUrl: string;
  revokeAfterOpen: boolean;
}): void {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  const state = { opened: 0 };
  (window as unknown as { __virtualCamera: typeof state }).__virtualCamera = state;

  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const real = await original(constraints);
    if (!constraints?.video) return real;

    const image = new Image();
    image.src = frameDataUrl;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 240;
    const context = canvas.getContext('2d')!;
    const draw = () => context.drawImage(image, 0, 0, canvas.width, canvas.height);
    draw();
    const timer = setInterval(draw, 50);

    const stream = canvas.captureStream(20);
    const [virtual] = stream.getVideoTracks();
    const [device] = real.getVideoTracks();
    const stopVirtual = virtual!.stop.bind(virtual);
    virtual!.stop = () => {
      clearInterval(timer);
      device?.stop();
      stopVirtual();
    };
    device?.addEventListener('ended', () => virtual!.stop());
    state.opened += 1;
    if (revokeAfterOpen) {
      // Access withdrawn while the camera opens: the tracks stop and say so, as when
      // the OS revokes the permission (clearing it in the browser would not stop them).
      setTimeout(() => {
        virtual!.stop();
        virtual!.dispatchEvent(new Event('ended'));
      }, 0);
    }
    return stream;
  };
}

export async function installCamera(
  context: BrowserContext,
  frameDataUrl: string,
  options: { revokeAfterOpen?: boolean } = {},
): Promise<void> {
  await context.addInitScript(installVirtualCamera, {
    frameDataUrl,
    revokeAfterOpen: options.revokeAfterOpen === true,
  });
}

/**
 * Sets the camera permission for an origin. Playwright can grant but not deny, so a
 * denial goes through the DevTools protocol (Browser.setPermission), which makes
 * getUserMedia reject with NotAllowedError as a real refusal does.
 */
export async function setCameraPermission(
  context: BrowserContext,
  page: Page,
  origin: string,
  permission: CameraPermission,
): Promise<void> {
  if (permission === 'granted') {
    await context.grantPermissions(['camera'], { origin });
    return;
  }
  const browser = context.browser();
  if (!browser)
    throw new HarnessFault('The browser context has no browser to set permissions through');
  const pageSession = await context.newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const browserSession = await browser.newBrowserCDPSession();
  await browserSession.send('Browser.setPermission', {
    permission: { name: 'camera' },
    setting: 'denied',
    origin,
    browserContextId: targetInfo.browserContextId,
  });
  await browserSession.detach();
}

export interface CameraProbe {
  permission: string;
  getUserMedia: string;
}

/** Asks the page what it would get from the camera now, without disturbing it. */
export async function probeCamera(page: Page): Promise<CameraProbe> {
  return page.evaluate(async () => {
    const status = await navigator.permissions.query({ name: 'camera' as PermissionName });
    let outcome: string;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      stream.getTracks().forEach((t) => t.stop());
      outcome = 'stream';
    } catch (error) {
      outcome = (error as Error).name;
    }
    return { permission: status.state, getUserMedia: outcome };
  });
}

/** Self-check: the permission the scenario set is the one the page really sees. */
export function checkCameraProbe(probe: CameraProbe, expected: CameraPermission): void {
  const ok =
    expected === 'granted'
      ? probe.permission === 'granted' && probe.getUserMedia === 'stream'
      : probe.permission === 'denied' && probe.getUserMedia === 'NotAllowedError';
  if (!ok) {
    throw new HarnessFault(
      `Camera set to "${expected}" did not take effect: the page sees permission "${probe.permission}" and getUserMedia gives "${probe.getUserMedia}"`,
    );
  }
}
