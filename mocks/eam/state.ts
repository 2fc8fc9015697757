import type { ComputerPolicy, EamSlice, EamUser, UserPolicy } from '../../fixtures/tenant';
import { createCloudConnectState, type CloudConnectState } from './cloud-connect';

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
  /** Cloud Connect, the integration and the firewall (mocks/eam/cloud-connect.ts). */
  cloudConnect: CloudConnectState;
  licences: EamSlice['licences'];
  policies: Map<string, UserPolicy>;
  users: EamUser[];
  computerPolicies: Map<string, ComputerPolicy>;
  hosts: Map<string, string>;
  proveIdWebDevices: Map<string, string>;
  audit: EamAuditEvent[];
}

export function createEamState(slice: EamSlice): EamState {
  return {
    version: slice.version,
    apiKey: slice.apiKey,
    cloudConnect: createCloudConnectState(slice.cloudConnect),
    licences: { ...slice.licences },
    policies: new Map(slice.userPolicies.map((p) => [p.id, structuredClone(p)])),
    users: structuredClone(slice.users),
    computerPolicies: new Map(slice.computerPolicies.map((p) => [p.id, structuredClone(p)])),
    hosts: new Map(Object.entries(slice.hosts)),
    proveIdWebDevices: new Map(Object.entries(slice.proveIdWebDevices)),
    audit: [],
  };
}
