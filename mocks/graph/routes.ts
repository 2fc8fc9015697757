import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';

import type { PlatformClock } from '../platform/clock';
import type { ServiceError } from '../platform/http-error';
import type { GraphState } from './state';
import { authenticate, issueClientCredentialsToken, OAuthError, requireRole, type AccessClaims } from './tokens';
import { parseCollectionQuery, parseSelect } from './odata';
import { getUser, licenseDetails, listUsers } from './users';

export interface GraphContext {
  state(): GraphState;
  clock: PlatformClock;
}

const READ_USERS = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** Graph's error envelope, or the identity platform's OAuth error for the token endpoint. */
export function renderGraphError(error: ServiceError, req: Request, res: Response): void {
  const requestId = String(res.locals.correlationId ?? randomUUID());
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  res.status(error.status).set({ 'request-id': requestId, 'client-request-id': requestId });
  if (error instanceof OAuthError) {
    res.json({
      error: error.code,
      error_description: `AADSTS${error.aadsts}: ${error.message} Trace ID: ${requestId} Timestamp: ${date}`,
      error_codes: [error.aadsts],
      timestamp: date,
      trace_id: requestId,
      correlation_id: requestId,
    });
    return;
  }
  res.json({
    error: {
      code: error.code,
      message: error.message,
      innerError: { date, 'request-id': requestId, 'client-request-id': requestId },
    },
  });
}

export function mountGraph(router: Router, ctx: GraphContext): void {
  router.use((req, res, next) => {
    const id = String(res.locals.correlationId);
    res.set({ 'request-id': id, 'client-request-id': id });
    next();
  });

  router.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    (req, res) => {
      if (!req.is('application/x-www-form-urlencoded')) {
        throw new OAuthError(400, 'invalid_request', "The request body must contain the parameter 'grant_type' as a form post.", 900144);
      }
      const form = (req.body ?? {}) as Record<string, unknown>;
      res.json(issueClientCredentialsToken(ctx.state(), String(req.params.tenant), form, ctx.clock.now()));
    },
  );

  const v1 = express.Router();
  v1.use((req, res, next) => {
    res.locals.claims = authenticate(ctx.state(), req.header('authorization'), ctx.clock.now());
    next();
  });
  const claims = (res: Response) => res.locals.claims as AccessClaims;
  const pageUrl = (req: Request) => (skipToken: string) => {
    const url = new URL(req.originalUrl, `http://${req.header('host')}`);
    url.searchParams.set('$skiptoken', skipToken);
    return url.toString();
  };

  v1.get('/users', (req, res) => {
    requireRole(claims(res), READ_USERS);
    res.json(listUsers(ctx.state(), parseCollectionQuery(req.query), pageUrl(req)));
  });
  v1.get('/users/:id', (req, res) => {
    requireRole(claims(res), READ_USERS);
    res.json(getUser(ctx.state(), String(req.params.id), parseSelect(req.query.$select)));
  });
  v1.get('/users/:id/licenseDetails', (req, res) => {
    requireRole(claims(res), READ_USERS);
    res.json(licenseDetails(ctx.state(), String(req.params.id)));
  });
  router.use('/v1.0', v1);
}
