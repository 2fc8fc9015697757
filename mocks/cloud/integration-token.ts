import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * The integration token the Access Management setup creates from an enterprise
 * integration id (vendor guide, "Secure Connection to Imprivata Cloud Platform").
 *
 * Assumption: its format is not public. Here it is a JWT signed by the cloud tenant
 * (HS256) that names the integration id and the tenant's hosts, so an appliance knows
 * where to connect before the cloud has accepted anything; only the cloud can check it.
 */

const ISSUER = 'imprivata-cloud-simulator';
/** Longest text taken as a token: a real one is a few hundred characters. */
export const MAX_TOKEN_LENGTH = 4096;

export interface IntegrationClaims {
  integrationId: string;
  tenantId: string;
  hosts: string[];
  expiresAtMs: number;
}

export class IntegrationTokenError extends Error {
  override name = 'IntegrationTokenError';

  constructor(
    readonly code: 'token_malformed' | 'token_invalid' | 'token_expired',
    message: string,
  ) {
    super(message);
  }
}

export function signIntegrationToken(
  claims: IntegrationClaims,
  signingKey: string,
  nowMs: number,
): string {
  const payload = {
    iss: ISSUER,
    sub: claims.integrationId,
    tid: claims.tenantId,
    hosts: claims.hosts,
    iat: Math.floor(nowMs / 1000),
    exp: Math.floor(claims.expiresAtMs / 1000),
    jti: randomUUID(),
  };
  return jwt.sign(payload, signingKey, { algorithm: 'HS256', noTimestamp: true });
}

function toClaims(payload: unknown): IntegrationClaims | undefined {
  const p = payload as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return undefined;
  const hosts = p.hosts;
  const wellFormed =
    typeof p.sub === 'string' &&
    typeof p.tid === 'string' &&
    typeof p.exp === 'number' &&
    Array.isArray(hosts) &&
    hosts.length > 0 &&
    hosts.every((h) => typeof h === 'string');
  if (!wellFormed) return undefined;
  return {
    integrationId: p.sub as string,
    tenantId: p.tid as string,
    hosts: hosts as string[],
    expiresAtMs: (p.exp as number) * 1000,
  };
}

/** What an appliance reads of a token before connecting: it cannot check the signature. */
export function readIntegrationClaims(token: string): IntegrationClaims {
  const claims = token.length <= MAX_TOKEN_LENGTH ? toClaims(jwt.decode(token.trim())) : undefined;
  if (!claims) {
    throw new IntegrationTokenError(
      'token_malformed',
      'The text entered is not an integration token. Create one in the Access Management setup from this enterprise integration id, and paste it whole.',
    );
  }
  return claims;
}

/** The cloud's check: its own signature, not expired, on the platform clock. */
export function verifyIntegrationToken(
  token: string,
  signingKey: string,
  nowMs: number,
): IntegrationClaims {
  readIntegrationClaims(token);
  try {
    const payload = jwt.verify(token.trim(), signingKey, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      clockTimestamp: Math.floor(nowMs / 1000),
    });
    return toClaims(payload)!;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw new IntegrationTokenError(
        'token_expired',
        `The integration token expired at ${error.expiredAt.toISOString()}. Create a new one in the Access Management setup.`,
      );
    }
    throw new IntegrationTokenError(
      'token_invalid',
      'The integration token was not made by this cloud tenant or was altered. Create a new one in the Access Management setup.',
    );
  }
}
