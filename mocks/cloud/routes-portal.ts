import type { Router } from 'express';

import { ServiceError } from '../platform/http-error';
import { requireBearer } from '../platform/render-error';
import type { CloudContext } from './routes';
import { acceptIntegration, createIntegrationToken } from './integration';
import { decodeLogoField } from './logo';
import { portalView, removeLogo, selectAdminConsoleSso, uploadLogo } from './portal';

/**
 * The Access Management setup as HTTP: the portal administrator's calls under
 * `/portal/api`, and the one call an appliance makes to complete the integration.
 */

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 256) {
    throw new ServiceError(
      400,
      'invalid_body',
      `"${name}" must be a string of at most 256 characters`,
    );
  }
  return value;
}

export function mountCloudPortal(router: Router, ctx: CloudContext): void {
  // The appliance presents the token itself as its credential, with its integration id.
  router.post('/api/v1/integrations', (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1];
    const integrationId = (req.body as { integrationId?: unknown } | undefined)?.integrationId;
    if (!token)
      throw new ServiceError(
        401,
        'unauthorized',
        'Present the integration token as a bearer token',
      );
    if (typeof integrationId !== 'string')
      throw new ServiceError(400, 'invalid_body', 'Expected {"integrationId": string}');
    res.status(201).json(acceptIntegration(ctx.state(), token, integrationId, ctx.clock.nowIso()));
  });

  router.use('/portal/api', (req, _res, next) => {
    if (!requireBearer(req.header('authorization'), ctx.state().portal.adminKey)) {
      throw new ServiceError(
        401,
        'unauthorized',
        'Sign in to the Access Management setup as the tenant administrator',
      );
    }
    next();
  });

  router.get('/portal/api/v1/settings', (_req, res) => {
    res.json(portalView(ctx.state()));
  });

  router.post('/portal/api/v1/integration-tokens', (req, res) => {
    const integrationId = (req.body as { integrationId?: unknown } | undefined)?.integrationId;
    if (typeof integrationId !== 'string')
      throw new ServiceError(
        400,
        'invalid_body',
        'Expected {"integrationId": the enterprise integration id}',
      );
    res
      .status(201)
      .json(createIntegrationToken(ctx.state(), integrationId.trim(), ctx.clock.now()));
  });

  router.put('/portal/api/v1/admin-console-sso', (req, res) => {
    const saml = (req.body as { saml?: unknown } | undefined)?.saml;
    if (typeof saml !== 'boolean')
      throw new ServiceError(400, 'invalid_body', 'Expected {"saml": true | false}');
    selectAdminConsoleSso(ctx.state(), saml);
    res.json(portalView(ctx.state()));
  });

  router.put('/portal/api/v1/logo', async (req, res) => {
    const body = (req.body ?? {}) as {
      image?: unknown;
      fileName?: unknown;
      contentType?: unknown;
    };
    const upload = {
      bytes: decodeLogoField(body.image),
      fileName: optionalText(body.fileName, 'fileName'),
      declaredType: optionalText(body.contentType, 'contentType'),
    };
    res.json(await uploadLogo(ctx.state(), upload));
  });

  router.delete('/portal/api/v1/logo', (_req, res) => {
    removeLogo(ctx.state());
    res.status(204).end();
  });
}
