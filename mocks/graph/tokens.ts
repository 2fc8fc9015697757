import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

import { ServiceError } from '../platform/http-error';
import type { GraphState } from './state';
import { graphError } from './errors';

/** One signing key per process: generating RSA keys per scenario would cost seconds. */
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_ID = 'mock-graph-signing-key';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

export interface TokenResponse {
  token_type: 'Bearer';
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
}

export interface AccessClaims {
  tid: string;
  appid: string;
  roles: string[];
}

/**
 * The OAuth error shape of the Microsoft identity platform token endpoint (it is not
 * Graph's envelope). AADSTS numbers are given where the public docs name them.
 */
export class OAuthError extends ServiceError {
  override name = 'OAuthError';

  constructor(
    status: number,
    code: string,
    message: string,
    readonly aadsts: number,
  ) {
    super(status, code, message);
  }
}

export function checkTenant(state: GraphState, tenantInPath: string): void {
  if (tenantInPath !== state.tenantId && tenantInPath !== state.domain) {
    throw new OAuthError(400, 'invalid_request', `Tenant '${tenantInPath}' not found.`, 90002);
  }
}

function signToken(
  state: GraphState,
  nowMs: number,
  claims: Record<string, unknown>,
): TokenResponse {
  const iat = Math.floor(nowMs / 1000);
  const token = jwt.sign(
    {
      aud: GRAPH_AUDIENCE,
      iss: `https://sts.windows.net/${state.tenantId}/`,
      iat,
      nbf: iat,
      exp: iat + state.tokenLifetimeSeconds,
      tid: state.tenantId,
      uti: randomUUID(),
      ...claims,
    },
    signingKey.privateKey,
    { algorithm: 'RS256', keyid: KEY_ID },
  );
  return {
    token_type: 'Bearer',
    expires_in: state.tokenLifetimeSeconds,
    ext_expires_in: state.tokenLifetimeSeconds,
    access_token: token,
  };
}

/** A delegated token for a user who signed in (no application roles, so no Graph reads). */
export function issueUserToken(
  state: GraphState,
  nowMs: number,
  appId: string,
  userId: string,
): TokenResponse {
  return signToken(state, nowMs, { appid: appId, oid: userId, scp: 'openid profile', roles: [] });
}

export function issueClientCredentialsToken(
  state: GraphState,
  tenantInPath: string,
  form: Record<string, unknown>,
  nowMs: number,
): TokenResponse {
  checkTenant(state, tenantInPath);
  if (form.scope !== `${GRAPH_AUDIENCE}/.default`) {
    throw new OAuthError(
      400,
      'invalid_scope',
      `The scope '${String(form.scope)}' is not valid; client credentials need '${GRAPH_AUDIENCE}/.default'.`,
      1002012,
    );
  }

  const client = state.clients.get(String(form.client_id ?? ''));
  if (!client) {
    throw new OAuthError(
      400,
      'unauthorized_client',
      `Application with identifier '${String(form.client_id)}' was not found in the directory.`,
      700016,
    );
  }
  if (form.client_secret !== client.clientSecret) {
    throw new OAuthError(401, 'invalid_client', 'Invalid client secret provided.', 7000215);
  }

  return signToken(state, nowMs, { appid: client.clientId, roles: client.roles });
}

/** Checks the bearer token of a Graph call against the simulator's key, clock and tenant. */
export function authenticate(
  state: GraphState,
  header: string | undefined,
  nowMs: number,
): AccessClaims {
  if (!header) throw graphError.unauthenticated('Access token is empty.');
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw graphError.unauthenticated('Access token is empty or not a bearer token.');
  }

  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(token, signingKey.publicKey, {
      algorithms: ['RS256'],
      audience: GRAPH_AUDIENCE,
      clockTimestamp: Math.floor(nowMs / 1000),
    }) as jwt.JwtPayload;
  } catch (error) {
    const expired = error instanceof jwt.TokenExpiredError;
    throw graphError.unauthenticated(
      expired
        ? 'Lifetime validation failed, the token is expired.'
        : 'IDX14100: JWT is not well formed.',
    );
  }
  if (claims.tid !== state.tenantId) {
    throw graphError.unauthenticated('The token was issued for another tenant.');
  }
  return {
    tid: String(claims.tid),
    appid: String(claims.appid),
    roles: (claims.roles as string[]) ?? [],
  };
}

/** Application permissions: any one of `accepted` lets the call through. */
export function requireRole(claims: AccessClaims, accepted: string[]): void {
  if (!accepted.some((role) => claims.roles.includes(role))) {
    throw graphError.denied(
      `Insufficient privileges to complete the operation. Needs one of: ${accepted.join(', ')}.`,
    );
  }
}
