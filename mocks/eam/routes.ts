import type { Router } from 'express';

import type { PlatformClock } from '../platform/clock';
import { ServiceError } from '../platform/http-error';
import { requireBearer } from '../platform/render-error';
import type { EamState } from './state';
import { mountCloudConnect } from './routes-cloud-connect';
import { applianceStatus, authenticate, findBadgeOwner, findUser, policyOf } from './rules';
import { decideBadge } from './policies';
import { mountEamAdmin } from './routes-admin';

export interface EamContext {
  state(): EamState;
  clock: PlatformClock;
  /** Where Cloud Connect reaches the cloud platform. */
  cloudUrl(): string;
}

export function mountEam(router: Router, ctx: EamContext): void {
  router.use('/api', (req, _res, next) => {
    if (!requireBearer(req.header('authorization'), ctx.state().apiKey)) {
      throw new ServiceError(401, 'unauthorized', 'A valid EAM API key is required');
    }
    next();
  });

  router.get('/api/v1/appliance', (_req, res) => {
    res.json(applianceStatus(ctx.state()));
  });

  mountCloudConnect(router, ctx);

  router.get('/api/v1/badges/:badgeId', (req, res) => {
    const user = findBadgeOwner(ctx.state(), String(req.params.badgeId));
    res.json({
      userId: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
    });
  });

  router.get('/api/v1/users/:userId/policy', (req, res) => {
    const state = ctx.state();
    res.json(policyOf(state, findUser(state, String(req.params.userId))));
  });

  router.post('/api/v1/users/:userId/authenticate', (req, res) => {
    const body = (req.body ?? {}) as { method?: unknown; secret?: unknown };
    if ((body.method !== 'pin' && body.method !== 'password') || typeof body.secret !== 'string') {
      throw new ServiceError(
        400,
        'invalid_body',
        'Expected {"method": "pin" | "password", "secret": string}',
      );
    }
    const ok = authenticate(
      ctx.state(),
      String(req.params.userId),
      body.method,
      body.secret,
      ctx.clock.nowIso(),
    );
    res.json({ authenticated: ok });
  });

  router.get('/api/v1/launchpads/:launchpadId/computer-policy', (req, res) => {
    const { deviceId, platform } = req.query as Record<string, string | undefined>;
    const device = deviceId && platform ? { id: deviceId, platform } : undefined;
    res.json(decideBadge(ctx.state(), String(req.params.launchpadId), device));
  });

  mountEamAdmin(router, ctx);
}
