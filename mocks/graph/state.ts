import type { EntraDirectory } from '../../fixtures/entra';
import type { EntraUser, GraphClientApp, GraphSlice } from '../../fixtures/tenant';

/**
 * Behaviour no public source pins down, as settings with stated defaults
 * (reference DOMAIN.md 1.2: both are inferred, not observed).
 */
export interface GraphSettings {
  /**
   * An HRD definition that is not strict JSON: 'reject' answers 400 at create time;
   * 'accept' stores it and the policy never takes effect. Default 'reject'.
   */
  malformedHrdDefinition: 'reject' | 'accept';
  /** A second HRD policy on one service principal: 'reject' (default, 400) or 'allow'. */
  secondHrdPolicyOnServicePrincipal: 'reject' | 'allow';
  /** Largest page `$top` accepts for users (Graph: 999). */
  maxPageSize: number;
}

export interface GraphState {
  tenantId: string;
  domain: string;
  clients: Map<string, GraphClientApp>;
  users: EntraUser[];
  /** Users by object id, for lookups on large tenants. */
  usersById: Map<string, EntraUser>;
  directory: EntraDirectory;
  settings: GraphSettings;
  /** Token lifetime in seconds (Entra's default for client credentials is about an hour). */
  tokenLifetimeSeconds: number;
}

export const DEFAULT_GRAPH_SETTINGS: GraphSettings = {
  malformedHrdDefinition: 'reject',
  secondHrdPolicyOnServicePrincipal: 'reject',
  maxPageSize: 999,
};

export function createGraphState(slice: GraphSlice): GraphState {
  const users = structuredClone(slice.users);
  return {
    tenantId: slice.tenantId,
    domain: slice.domain,
    clients: new Map(slice.clients.map((c) => [c.clientId, structuredClone(c)])),
    users,
    usersById: new Map(users.map((u) => [u.id, u])),
    directory: structuredClone(slice.directory),
    settings: { ...DEFAULT_GRAPH_SETTINGS },
    tokenLifetimeSeconds: 3599,
  };
}
