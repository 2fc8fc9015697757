import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Router } from 'express';

import { LOCKER_FRAME_SIZE } from '../../fixtures/faces';
import { ServiceError } from '../platform/http-error';
import { DEVICE_REASONS, isFaceUnavailableReason } from './reasons';
import {
  reportFaceUnavailable,
  submitEnrolment,
  submitFace,
  submitFallback,
  submitSecondFactor,
  tapBadge,
  viewOf,
  type MamContext,
} from './checkout';
import { cancelSession, checkIn, findDevice, findSession } from './rules';

const LOCKER_DIR = join(__dirname, 'locker');
const lockerScript = readFileSync(join(LOCKER_DIR, 'locker.js'), 'utf8');
const lockerPage = readFileSync(join(LOCKER_DIR, 'locker.html'), 'utf8');

function stringField(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new ServiceError(400, 'invalid_body', `Expected a string field "${name}" in a JSON body`);
  }
  return value;
}

function renderLocker(deviceId: string, cloudUrl: string, faults: string[]): string {
  const config = { deviceId, cloudUrl, faults, frameSize: LOCKER_FRAME_SIZE };
  // Escape "<" so no configuration value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return lockerPage.replace('__LOCKER_CONFIG__', json);
}

export function mountMam(router: Router, ctx: MamContext): void {
  router.get('/locker/assets/locker.js', (_req, res) => {
    res.type('application/javascript').send(lockerScript);
  });
  // Locker's home screen, before any check-out: nothing to do but wait for a tap.
  router.get('/locker', (_req, res) => {
    res
      .type('html')
      .send(
        '<!doctype html><title>Locker</title><link rel="icon" href="data:,"><p>Tap your badge on the Launchpad.</p>',
      );
  });
  router.get('/locker/:deviceId', (req, res) => {
    const device = findDevice(ctx.state(), String(req.params.deviceId));
    res.type('html').send(renderLocker(device.id, ctx.upstreams().cloudUrl, [...ctx.faults]));
  });

  router.post('/api/v1/launchpads/:launchpadId/taps', async (req, res) => {
    const view = await tapBadge(
      ctx,
      String(req.params.launchpadId),
      stringField(req, 'badgeId'),
      String(res.locals.correlationId),
    );
    res.status(201).json(view);
  });

  router.get('/api/v1/devices/:deviceId', (req, res) => {
    const { id, platform, lockerVersion, launchpadId, status, checkedOutTo, checkedOutWith } =
      findDevice(ctx.state(), String(req.params.deviceId));
    res.json({
      id,
      platform,
      lockerVersion,
      launchpadId,
      status,
      checkedOutTo: checkedOutTo ?? null,
      checkedOutWith: checkedOutWith ?? null,
    });
  });

  // What the device management inventory reports about a device (PRE-09).
  router.patch('/api/v1/devices/:deviceId', (req, res) => {
    const device = findDevice(ctx.state(), String(req.params.deviceId));
    const version = (req.body as { lockerVersion?: unknown } | undefined)?.lockerVersion;
    if (typeof version !== 'string' || !/^\d+(\.\d+){0,2}$/.test(version)) {
      throw new ServiceError(400, 'invalid_body', 'Expected {"lockerVersion": "4.1"}');
    }
    device.lockerVersion = version;
    res.json({ id: device.id, platform: device.platform, lockerVersion: device.lockerVersion });
  });

  router.get('/api/v1/devices/:deviceId/session', (req, res) => {
    const state = ctx.state();
    const device = findDevice(state, String(req.params.deviceId));
    if (!device.sessionId)
      throw new ServiceError(404, 'no_session', `Device ${device.id} has no check-out session`);
    res.json(viewOf(ctx, findSession(state, device.sessionId)));
  });

  router.post('/api/v1/devices/:deviceId/check-in', (req, res) => {
    const device = checkIn(ctx.state(), String(req.params.deviceId), ctx.clock.nowIso());
    res.json({ id: device.id, status: device.status });
  });

  router.post('/api/v1/sessions/:sessionId/face', async (req, res) => {
    res.json(
      await submitFace(ctx, String(req.params.sessionId), stringField(req, 'verificationId')),
    );
  });

  router.post('/api/v1/sessions/:sessionId/enrolment', async (req, res) => {
    const body = (req.body ?? {}) as { consent?: unknown; image?: unknown };
    if (
      typeof body.consent !== 'boolean' ||
      (body.image !== undefined && typeof body.image !== 'string')
    ) {
      throw new ServiceError(
        400,
        'invalid_body',
        'Expected {"consent": boolean, "image"?: base64 PGM or PNG}',
      );
    }
    res.json(
      await submitEnrolment(
        ctx,
        String(req.params.sessionId),
        body.consent,
        body.image as string | undefined,
      ),
    );
  });

  // The user walks away, or taps Cancel on the phone: the phone goes back on the Launchpad.
  router.post('/api/v1/sessions/:sessionId/cancel', (req, res) => {
    const session = findSession(ctx.state(), String(req.params.sessionId));
    cancelSession(ctx.state(), session, ctx.clock.nowIso(), 'cancelled_by_user');
    res.json(viewOf(ctx, session));
  });

  router.post('/api/v1/sessions/:sessionId/face-unavailable', (req, res) => {
    const reason = stringField(req, 'reason');
    if (!isFaceUnavailableReason(reason) || !DEVICE_REASONS.includes(reason)) {
      throw new ServiceError(
        400,
        'invalid_reason',
        `A device may report only: ${DEVICE_REASONS.join(', ')}`,
      );
    }
    res.json(reportFaceUnavailable(ctx, String(req.params.sessionId), reason));
  });

  router.post('/api/v1/sessions/:sessionId/fallback', async (req, res) => {
    const method = stringField(req, 'method');
    if (method !== 'pin' && method !== 'password') {
      throw new ServiceError(400, 'invalid_method', 'Fallback method must be "pin" or "password"');
    }
    res.json(
      await submitFallback(ctx, String(req.params.sessionId), method, stringField(req, 'secret')),
    );
  });

  router.post('/api/v1/sessions/:sessionId/second-factor', async (req, res) => {
    res.json(await submitSecondFactor(ctx, String(req.params.sessionId), stringField(req, 'pin')));
  });

  router.get('/api/v1/audit', (req, res) => {
    const { sessionId, userPrincipalName } = req.query as Record<string, string | undefined>;
    const entries = ctx
      .state()
      .audit.filter(
        (e) =>
          (!sessionId || e.sessionId === sessionId) &&
          (!userPrincipalName || e.userPrincipalName === userPrincipalName),
      );
    res.json({ value: entries });
  });
}
