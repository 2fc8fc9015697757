import type { EamSlice, EamUser, UserPolicy } from '../../fixtures/tenant';

export interface EamAuditEvent {
  time: string;
  userId: string;
  event: 'authenticate';
  method: 'pin' | 'password';
  result: 'success' | 'failure';
}

export interface EamState {
  version: string;
  apiKey: string;
  cloudConnect: EamSlice['cloudConnect'];
  licences: EamSlice['licences'];
  policies: Map<string, UserPolicy>;
  users: EamUser[];
  hosts: Set<string>;
  badgeAllowedAt: Set<string>;
  audit: EamAuditEvent[];
}

export function createEamState(slice: EamSlice): EamState {
  return {
    version: slice.version,
    apiKey: slice.apiKey,
    cloudConnect: { ...slice.cloudConnect },
    licences: { ...slice.licences },
    policies: new Map(slice.userPolicies.map((p) => [p.id, structuredClone(p)])),
    users: structuredClone(slice.users),
    hosts: new Set(slice.hosts),
    badgeAllowedAt: new Set(slice.badgeAllowedAt),
    audit: [],
  };
}
