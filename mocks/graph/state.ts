import type { EntraUser, GraphClientApp, GraphSlice } from '../../fixtures/tenant';

export interface GraphState {
  tenantId: string;
  domain: string;
  clients: Map<string, GraphClientApp>;
  users: EntraUser[];
  /** Token lifetime in seconds (Entra's default for client credentials is about an hour). */
  tokenLifetimeSeconds: number;
}

export function createGraphState(slice: GraphSlice): GraphState {
  return {
    tenantId: slice.tenantId,
    domain: slice.domain,
    clients: new Map(slice.clients.map((c) => [c.clientId, structuredClone(c)])),
    users: structuredClone(slice.users),
    tokenLifetimeSeconds: 3599,
  };
}
