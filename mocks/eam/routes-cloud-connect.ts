import type { Request, Router } from 'express';

import {
  MAX_TOKEN_LENGTH,
  IntegrationTokenError,
  readIntegrationClaims,
} from '../cloud/integration-token';
import { ServiceError } from '../platform/http-error';
import { callUpstream } from '../platform/upstream';
import type { EamContext } from './routes';
import {
  checkCanConnect,
  cloudConnectView,
  integrationView,
  operateCloudConnect,
  recordIntegration,
} from './cloud-connect';

/**
 * The Appliance Console's Cloud Connect operations and the Admin Console's Access
 * Management integrations page, over HTTP, for an administrator following the guide.
 */

function operationOf(req: Request): {
  action: 'restart' | 'stop';
  scope: 'all' | string[];
} {
  const body = (req.body ?? {}) as { action?: unknown; appliances?: unknown };
  const scopeOk =
    body.appliances === 'all' ||
    (Array.isArray(body.appliances) &&
      body.appliances.length > 0 &&
      body.appliances.every((a) => typeof a === 'string'));
  if ((body.action !== 'restart' && body.action !== 'stop') || !scopeOk) {
    throw new ServiceError(
      400,
      'invalid_body',
      'Expected {"action": "restart" | "stop", "appliances": "all" | [appliance ids]}',
    );
  }
  return { action: body.action, scope: body.appliances as 'all' | string[] };
}

function tokenOf(req: Request): string {
  const token = (req.body as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token.trim().length === 0) {
    throw new ServiceError(
      400,
      'invalid_body',
      'Expected {"token": the integration token from the Access Management setup}',
    );
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new ServiceError(
      400,
      'token_malformed',
      `The text entered is ${token.length} characters, far longer than an integration token. Paste only the token.`,
    );
  }
  return token;
}

function claimsOf(token: string) {
  try {
    return readIntegrationClaims(token);
  } catch (error) {
    if (error instanceof IntegrationTokenError)
      throw new ServiceError(400, error.code, error.message);
    throw error;
  }
}

interface CloudAcceptance {
  tenantId: string;
  hosts: string[];
  error?: { code: string; message: string };
}

export function mountCloudConnect(router: Router, ctx: EamContext): void {
  router.get('/api/v1/cloud-connect', (_req, res) => {
    res.json(cloudConnectView(ctx.state().cloudConnect));
  });

  router.post('/api/v1/cloud-connect/operations', (req, res) => {
    const { action, scope } = operationOf(req);
    operateCloudConnect(ctx.state().cloudConnect, action, scope);
    res.json(cloudConnectView(ctx.state().cloudConnect));
  });

  router.get('/api/v1/cloud-integration', (_req, res) => {
    res.json(integrationView(ctx.state().cloudConnect));
  });

  // "Paste the integration token, and click Integrate": the appliance reaches the
  // cloud's hosts through Cloud Connect and the firewall, and the cloud checks the token.
  router.post('/api/v1/cloud-integration', async (req, res) => {
    const token = tokenOf(req);
    const connect = ctx.state().cloudConnect;
    const claims = claimsOf(token);
    checkCanConnect(connect, claims.hosts);

    const answer = await callUpstream<CloudAcceptance>(`${ctx.cloudUrl()}/api/v1/integrations`, {
      method: 'POST',
      token,
      correlationId: String(res.locals.correlationId),
      body: { integrationId: connect.integrationId },
    });
    const refusal = answer.body?.error ?? {
      code: 'integration_refused',
      message: `it answered ${answer.status}`,
    };
    if (answer.status >= 500) {
      throw new ServiceError(
        502,
        'cloud_connection_failed',
        `The cloud platform failed to answer the integration: ${refusal.message}. Try again later.`,
      );
    }
    if (answer.status !== 201) {
      throw new ServiceError(
        422,
        refusal.code,
        `The cloud platform refused the integration token: ${refusal.message}`,
      );
    }
    recordIntegration(connect, answer.body.hosts, answer.body.tenantId, ctx.clock.nowIso());
    res.json(integrationView(connect));
  });
}
