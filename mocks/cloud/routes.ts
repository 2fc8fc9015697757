import type { Router } from 'express';

import type { PlatformClock } from '../platform/clock';
import type { PlantedFault } from '../platform/faults';
import type { DirectRoute } from '../platform/direct-route';
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

/** A frame sent inside JSON, as enrolment takes it: base64, optionally a data URL. */
const DATA_URL_PREFIX = /^data:image\/[a-z.+-]+;base64,/;

function decodeFrame(image: unknown): Buffer {
  if (typeof image !== 'string' || image.length === 0) {
    throw new ServiceError(
      400,
      'invalid_body',
      'Expected {"userPrincipalName": string, "consent": boolean, "image": base64 PGM or PNG}',
    );
  }
  return Buffer.from(image.replace(DATA_URL_PREFIX, ''), 'base64');
}

/** The header that carries the verification ticket beside a raw frame. */
const TICKET_HEADER = 'x-face-ticket';
const FRAME_TYPES = ['image/x-portable-graymap', 'image/png'] as const;
/** 1 MiB: a grey frame of about 1000 x 1000; the Locker page sends 6.4 KB. */
const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Face verification, the call every face check-out makes: the Locker page posts the
 * camera frame itself (a greymap, or a PNG) with the ticket in a header. Served as a
 * direct route: the frame is read and compared on every request, and the framework
 * stays out of the way.
 */
export function cloudDirectRoutes(ctx: CloudContext): DirectRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/face/verify',
      bodyTypes: FRAME_TYPES,
      maxBodyBytes: MAX_FRAME_BYTES,
      // The Locker page calls verification from the MAM origin.
      crossOrigin: true,
      handle(request) {
        const ticket = request.header(TICKET_HEADER);
        if (!ticket) {
          throw new ServiceError(
            400,
            'invalid_request',
            `Send the verification ticket in the ${TICKET_HEADER} header and the frame as the body`,
          );
        }
        const verification = verifyFace(ctx.state(), ticket, request.body, ctx.clock.now(), {
          acceptAnyFace: ctx.faults.has('cloud-accepts-any-face'),
          skipLiveness: ctx.faults.has('cloud-skips-liveness'),
        });
        return {
          status: 200,
          body: {
            verificationId: verification.id,
            result: verification.result,
            score: verification.score,
          },
        };
      },
    },
  ];
}

export function mountCloud(router: Router, ctx: CloudContext): void {
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
        'Expected {"userPrincipalName": string, "consent": boolean, "image": base64 PGM or PNG}',
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
