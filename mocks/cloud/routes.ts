import cors from 'cors';
import type { Router } from 'express';

import type { PlatformClock } from '../platform/clock';
import type { PlantedFault } from '../platform/faults';
import { ServiceError } from '../platform/http-error';
import { applyFlags } from '../platform/flags';
import { requireBearer } from '../platform/render-error';
import type { CloudState } from './state';
import { runDirectorySync } from './directory-sync';
import { mountCloudPortal } from './routes-portal';
import {
  directoryStatus,
  enrolFace,
  getVerification,
  isEnrolled,
  issueTicket,
  verifyFace,
} from './rules';

export interface CloudContext {
  state(): CloudState;
  clock: PlatformClock;
  graphUrl(): string;
  faults: ReadonlySet<PlantedFault>;
}

const DATA_URL_PREFIX = /^data:image\/[a-z]+;base64,/;

function decodeFrame(image: unknown): Buffer {
  if (typeof image !== 'string' || image.length === 0) {
    throw new ServiceError(400, 'invalid_body', 'Expected {"ticket": string, "image": base64 PNG}');
  }
  return Buffer.from(image.replace(DATA_URL_PREFIX, ''), 'base64');
}

export function mountCloud(router: Router, ctx: CloudContext): void {
  // The Locker page calls verification from the MAM origin.
  router.use('/api/v1/face/verify', cors({ methods: ['POST'], maxAge: 600 }));

  router.post('/api/v1/face/verify', (req, res) => {
    const body = (req.body ?? {}) as { ticket?: unknown; image?: unknown };
    if (typeof body.ticket !== 'string') {
      throw new ServiceError(
        400,
        'invalid_body',
        'Expected {"ticket": string, "image": base64 PNG}',
      );
    }
    const acceptAnyFace = ctx.faults.has('cloud-accepts-any-face');
    const verification = verifyFace(
      ctx.state(),
      body.ticket,
      decodeFrame(body.image),
      ctx.clock.now(),
      { acceptAnyFace },
    );
    res.json({
      verificationId: verification.id,
      result: verification.result,
      score: verification.score,
    });
  });

  // The Access Management setup, and the appliance completing the integration.
  mountCloudPortal(router, ctx);

  // Everything else is server to server, with the enterprise integration token.
  router.use('/api', (req, _res, next) => {
    if (!requireBearer(req.header('authorization'), ctx.state().integrationToken)) {
      throw new ServiceError(401, 'unauthorized', 'A valid integration token is required');
    }
    next();
  });

  // The portal's agreements page: the cloud services amendment is needed in production (PRE-03).
  router.put('/api/v1/tenant/agreements', (req, res) => {
    res.json(applyFlags(ctx.state().agreements, req.body, 'Agreements'));
  });

  router.get('/api/v1/tenant', (_req, res) => {
    const state = ctx.state();
    res.json({
      tenantId: state.tenantId,
      agreements: state.agreements,
      lastSync: state.lastSync ?? null,
    });
  });

  router.post('/api/v1/directory/sync', async (_req, res) => {
    const state = ctx.state();
    await runDirectorySync(state, ctx.graphUrl(), ctx.clock.nowIso());
    res.json(state.lastSync);
  });

  // ENTRA-04: the directory the portal was given, the chosen groups and each user's result.
  router.get('/api/v1/directory', (_req, res) => {
    const state = ctx.state();
    const { groupIds, consentedByRole } = state.directoryConfig;
    res.json({
      tenantId: state.graph.tenantId,
      groupIds,
      consentedByRole,
      lastSync: state.lastSync ?? null,
      users: [...state.directory.values()],
    });
  });

  router.get('/api/v1/directory/users/:upn', (req, res) => {
    res.json(directoryStatus(ctx.state(), String(req.params.upn)));
  });

  router.get('/api/v1/face/enrolments/:upn', (req, res) => {
    const upn = String(req.params.upn);
    res.json({ userPrincipalName: upn, enrolled: isEnrolled(ctx.state(), upn) });
  });

  router.post('/api/v1/face/enrolments', (req, res) => {
    const body = (req.body ?? {}) as {
      userPrincipalName?: unknown;
      consent?: unknown;
      image?: unknown;
    };
    if (typeof body.userPrincipalName !== 'string' || typeof body.consent !== 'boolean') {
      throw new ServiceError(
        400,
        'invalid_body',
        'Expected {"userPrincipalName": string, "consent": boolean, "image": base64 PNG}',
      );
    }
    const enrolled = enrolFace(
      ctx.state(),
      body.userPrincipalName,
      body.consent,
      body.consent ? decodeFrame(body.image) : Buffer.alloc(0),
      ctx.clock.nowIso(),
    );
    res.status(201).json(enrolled);
  });

  router.post('/api/v1/face/tickets', (req, res) => {
    const upn = (req.body as { userPrincipalName?: unknown } | undefined)?.userPrincipalName;
    if (typeof upn !== 'string')
      throw new ServiceError(400, 'invalid_body', 'Expected {"userPrincipalName": string}');
    const ticket = issueTicket(ctx.state(), upn, ctx.clock.now());
    res
      .status(201)
      .json({ ticket: ticket.id, expiresAt: new Date(ticket.expiresAt).toISOString() });
  });

  router.get('/api/v1/face/verifications/:id', (req, res) => {
    res.json(getVerification(ctx.state(), String(req.params.id)));
  });
}
