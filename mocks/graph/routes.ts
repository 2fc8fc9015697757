import { randomUUID } from 'node:crypto';
import express, { type Request, type Router } from 'express';

import type { PlatformClock } from '../platform/clock';
import type { ServiceError } from '../platform/http-error';
import type { RenderedError } from '../platform/render-error';
import { graphError } from './errors';
import type { GraphState } from './state';
import {
  authenticate,
  checkTenant,
  issueClientCredentialsToken,
  issueUserToken,
  OAuthError,
} from './tokens';
import { decidePasswordSignIn } from './sign-in';
import { mountDirectoryRoutes } from './routes-directory';
import { mountPolicyRoutes } from './routes-policies';

export interface GraphContext {
  state(): GraphState;
  clock: PlatformClock;
}

/** Graph's error envelope, or the identity platform's OAuth error for the token endpoint. */
export function renderGraphError(error: ServiceError, correlationId: string): RenderedError {
  const requestId = correlationId || randomUUID();
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers = { 'request-id': requestId, 'client-request-id': requestId };
  if (error instanceof OAuthError) {
    return {
      status: error.status,
      headers,
      body: {
        error: error.code,
        error_description: `AADSTS${error.aadsts}: ${error.message} Trace ID: ${requestId} Timestamp: ${date}`,
        error_codes: [error.aadsts],
        timestamp: date,
        trace_id: requestId,
        correlation_id: requestId,
      },
    };
  }
  return {
    status: error.status,
    headers,
    body: {
      error: {
        code: error.code,
        message: error.message,
        innerError: { date, 'request-id': requestId, 'client-request-id': requestId },
      },
    },
  };
}

/**
 * The caller's address as Entra would see it. Behind the loopback, the simulated
 * caller (the cloud platform) states its public egress address in X-Forwarded-For.
 */
export function callerAddress(req: Request): string {
  const socket = req.socket.remoteAddress ?? '';
  const loopback = socket === '127.0.0.1' || socket === '::1' || socket === '::ffff:127.0.0.1';
  const forwarded = req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return loopback && forwarded ? forwarded : socket.replace(/^::ffff:/, '');
}

/** Absolute URL of the same request with another `$skiptoken`: Graph's opaque nextLink. */
export function nextPageUrl(req: Request) {
  return (skipToken: string) => {
    const url = new URL(req.originalUrl, `http://${req.header('host')}`);
    url.searchParams.set('$skiptoken', skipToken);
    return url.toString();
  };
}

export function mountGraph(router: Router, ctx: GraphContext): void {
  router.use((_req, res, next) => {
    const id = String(res.locals.correlationId);
    res.set({ 'request-id': id, 'client-request-id': id, 'OData-Version': '4.0' });
    next();
  });

  router.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    (req, res) => {
      if (!req.is('application/x-www-form-urlencoded')) {
        throw new OAuthError(
          400,
          'invalid_request',
          "The request body must contain the parameter 'grant_type' as a form post.",
          900144,
        );
      }
      const state = ctx.state();
      const form = (req.body ?? {}) as Record<string, unknown>;
      const tenant = String(req.params.tenant);
      if (form.grant_type === 'client_credentials') {
        res.json(issueClientCredentialsToken(state, tenant, form, ctx.clock.now()));
        return;
      }
      if (form.grant_type === 'password') {
        checkTenant(state, tenant);
        const grant = {
          clientId: String(form.client_id ?? ''),
          username: String(form.username ?? ''),
          password: String(form.password ?? ''),
          ipAddress: callerAddress(req),
        };
        const { user, appId } = decidePasswordSignIn(state, grant);
        res.json(issueUserToken(state, ctx.clock.now(), appId, user.id));
        return;
      }
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        `The grant type '${String(form.grant_type)}' is not supported by the simulator.`,
        70003,
      );
    },
  );

  const authenticated = (prefix: string) => {
    const api = express.Router();
    api.use((req, res, next) => {
      res.locals.claims = authenticate(ctx.state(), req.header('authorization'), ctx.clock.now());
      next();
    });
    router.use(prefix, api);
    return api;
  };
  const v1 = authenticated('/v1.0');
  const beta = authenticated('/beta');
  mountDirectoryRoutes(v1, ctx);
  mountPolicyRoutes(v1, beta, ctx);

  // Graph answers an unknown segment with 400, not 404; it still marks the request unhandled.
  for (const api of [v1, beta]) {
    api.use((req, res) => {
      res.locals.unhandled = true;
      throw graphError.badRequest(
        `Resource not found for the segment '${req.path.split('/')[1] ?? ''}'.`,
      );
    });
  }
}
