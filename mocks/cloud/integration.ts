import { regionHosts, type CloudConnectionSlice } from '../../fixtures/cloud-connection';
import { ServiceError } from '../platform/http-error';
import {
  IntegrationTokenError,
  signIntegrationToken,
  verifyIntegrationToken,
} from './integration-token';
import type { CloudState } from './state';

/**
 * The cloud tenant's half of the secure connection (vendor guide, "Secure Connection
 * to Imprivata Cloud Platform"): it makes an integration token from the enterprise
 * integration id an administrator pastes, and accepts the token when the appliance
 * presents it with that same id.
 */

export interface CloudConnectionState extends CloudConnectionSlice {
  connectedAt: string | null;
}

/**
 * Assumption: integration ids look like the ones the fixture makes (a UUID). The
 * format is not public; this only keeps stray text from becoming a token.
 */
const INTEGRATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createConnectionState(slice: CloudConnectionSlice): CloudConnectionState {
  return { ...slice, regionSuffixes: { ...slice.regionSuffixes }, connectedAt: null };
}

/** CC-01: the tenant's `sys` and `app` hosts, under its region's suffix. */
export function tenantHosts(connection: CloudConnectionState): {
  sys: string;
  app: string;
} {
  const suffix = connection.regionSuffixes[connection.region];
  if (!suffix) {
    const known = Object.keys(connection.regionSuffixes).join(', ');
    throw new ServiceError(
      500,
      'region_unknown',
      `Region "${connection.region}" has no host suffix; known regions: ${known}`,
    );
  }
  return regionHosts(connection.hostLabel, suffix);
}

/** CC-03: "Create integration token" (Connect to Enterprise Access Management). */
export function createIntegrationToken(state: CloudState, integrationId: string, nowMs: number) {
  if (!INTEGRATION_ID.test(integrationId)) {
    throw new ServiceError(
      400,
      'integration_id_invalid',
      `"${integrationId.slice(0, 80)}" is not an enterprise integration id. Copy it from the Admin Console (gear icon > Imprivata Access Management integrations).`,
    );
  }
  if (!state.agreements.cloudFeatures) {
    throw new ServiceError(
      409,
      'agreement_required',
      'Agree to the Cloud Features Agreement in the Access Management setup before creating an integration token.',
    );
  }
  const { sys, app } = tenantHosts(state.connection);
  const expiresAtMs = nowMs + state.connection.tokenLifetimeMs;
  const claims = {
    integrationId,
    tenantId: state.tenantId,
    hosts: [sys, app],
    expiresAtMs,
  };
  const token = signIntegrationToken(claims, state.connection.signingKey, nowMs);
  return { token, integrationId, expiresAt: new Date(expiresAtMs).toISOString() };
}

function refuse(error: unknown): never {
  if (!(error instanceof IntegrationTokenError)) throw error;
  const status = error.code === 'token_malformed' ? 400 : 401;
  throw new ServiceError(status, error.code, error.message);
}

/**
 * The appliance presents the token with its own integration id: the token must be
 * this tenant's, unexpired, and made from that very id.
 */
export function acceptIntegration(
  state: CloudState,
  token: string,
  integrationId: string,
  nowIso: string,
) {
  let claims;
  try {
    claims = verifyIntegrationToken(token, state.connection.signingKey, Date.parse(nowIso));
  } catch (error) {
    refuse(error);
  }
  if (claims.integrationId !== integrationId) {
    throw new ServiceError(
      403,
      'token_for_other_enterprise',
      `This integration token was made from integration id ${claims.integrationId}, not from this enterprise's ${integrationId}. Create a token from the id the Admin Console shows.`,
    );
  }
  state.connection.connectedIntegrationId = integrationId;
  state.connection.connectedAt = nowIso;
  return { tenantId: state.tenantId, hosts: claims.hosts, connectedAt: nowIso };
}

/** The portal's view of the connection: region, hosts, the enterprise connected. */
export function connectionView(state: CloudState) {
  const { region, connectedIntegrationId, connectedAt } = state.connection;
  return {
    region,
    hosts: tenantHosts(state.connection),
    connectedIntegrationId,
    connectedAt,
  };
}

/** A tenant as Imprivata Services hands it over: nothing connected yet. */
export function resetConnection(state: CloudState): void {
  state.connection.connectedIntegrationId = null;
  state.connection.connectedAt = null;
}

export interface RegionChange {
  region?: unknown;
  regionSuffixes?: unknown;
}

/** Which region Imprivata Services created the tenant in, and the known suffixes. */
export function changeRegion(connection: CloudConnectionState, change: RegionChange): void {
  const suffixes = change.regionSuffixes ?? connection.regionSuffixes;
  const valid =
    typeof suffixes === 'object' &&
    suffixes !== null &&
    !Array.isArray(suffixes) &&
    Object.values(suffixes).every(
      (s) => typeof s === 'string' && /^[a-z]{2,6}(\.[a-z]{2,6})?$/.test(s),
    );
  if (!valid) {
    throw new ServiceError(
      400,
      'invalid_regions',
      'regionSuffixes must map region names to domain suffixes such as {"us": "com", "uk": "uk"}',
    );
  }
  const region = change.region ?? connection.region;
  if (typeof region !== 'string' || !(region in suffixes)) {
    throw new ServiceError(
      400,
      'region_unknown',
      `Region "${String(region)}" is not one of ${Object.keys(suffixes).join(', ')}; add its suffix to regionSuffixes`,
    );
  }
  connection.regionSuffixes = { ...(suffixes as Record<string, string>) };
  connection.region = region;
}
