import type { CloudConnectRunState, CloudConnectSlice } from '../../fixtures/cloud-connection';
import { ServiceError } from '../platform/http-error';

/**
 * EAM's half of the secure connection to the cloud platform (vendor guide, "Network
 * Requirements" and "Secure Connection to Imprivata Cloud Platform"): Cloud Connect on
 * each appliance, the enterprise integration id, the integration, and the firewall
 * the appliances reach the cloud through.
 */

export interface CloudConnectState {
  appliances: Map<string, CloudConnectRunState>;
  integrationId: string;
  firewallAllowlist: string[];
  integration: { hosts: string[]; tenantId?: string; integratedAt?: string } | null;
}

export type IntegrationStatus =
  | { status: 'verified' }
  | {
      status: 'unverified';
      reason: 'not_integrated' | 'cloud_connect_stopped' | 'host_blocked';
      message: string;
    };

export function createCloudConnectState(slice: CloudConnectSlice): CloudConnectState {
  return {
    appliances: new Map(slice.appliances.map((a) => [a.id, a.cloudConnect])),
    integrationId: slice.integrationId,
    firewallAllowlist: [...slice.firewallAllowlist],
    integration: slice.integration && { hosts: [...slice.integration.hosts] },
  };
}

/**
 * A new appliance: "By default, the Imprivata Cloud Connect service is disabled" and
 * nothing is integrated. The integration id and the hospital's firewall stay.
 */
export function resetToFactory(state: CloudConnectState): void {
  for (const id of state.appliances.keys()) state.appliances.set(id, 'stopped');
  state.integration = null;
}

export function stoppedAppliances(state: CloudConnectState): string[] {
  return [...state.appliances].filter(([, run]) => run !== 'running').map(([id]) => id);
}

/**
 * The Appliance Console's Cloud Connect "Stop/restart options", for all appliances or
 * the ones named. An appliance the enterprise does not have is a 404.
 */
export function operateCloudConnect(
  state: CloudConnectState,
  action: 'restart' | 'stop',
  scope: 'all' | string[],
): void {
  const known = [...state.appliances.keys()];
  const targets = scope === 'all' ? known : scope;
  const unknown = targets.filter((id) => !state.appliances.has(id));
  if (unknown.length > 0) {
    throw new ServiceError(
      404,
      'appliance_unknown',
      `No appliance ${unknown.join(', ')} in this enterprise; its appliances are ${known.join(', ')}`,
    );
  }
  for (const id of targets) state.appliances.set(id, action === 'restart' ? 'running' : 'stopped');
}

/** A firewall pattern: an exact host, or `*.` followed by a domain it covers below. */
export function patternAllows(pattern: string, host: string): boolean {
  const p = pattern.trim().toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  return h.endsWith(p.slice(1)) && h.length > p.length - 1;
}

export function blockedHosts(state: CloudConnectState, hosts: string[]): string[] {
  return hosts.filter((host) => !state.firewallAllowlist.some((p) => patternAllows(p, host)));
}

/** The pattern that would let `host` through, as the guide writes them. */
export function patternFor(host: string): string {
  return `*.${host.split('.').slice(1).join('.')}`;
}

/** CC-01, PRE-04: what must hold before the appliances can reach the cloud's hosts. */
export function checkCanConnect(state: CloudConnectState, hosts: string[]): void {
  const stopped = stoppedAppliances(state);
  if (stopped.length > 0) {
    throw new ServiceError(
      409,
      'cloud_connect_stopped',
      `Cloud Connect is stopped on ${stopped.join(', ')}. In the Appliance Console (System > Operations), restart Imprivata Cloud Connect on all appliances, then integrate.`,
    );
  }
  const blocked = blockedHosts(state, hosts);
  if (blocked.length > 0) {
    const needed = blocked.map(patternFor).join(', ');
    throw new ServiceError(
      502,
      'cloud_connection_failed',
      `Could not connect to ${blocked.join(', ')}: the firewall allowlist (${state.firewallAllowlist.join(', ') || 'empty'}) does not allow it. Add ${needed} to the allowlist.`,
    );
  }
}

export function recordIntegration(
  state: CloudConnectState,
  hosts: string[],
  tenantId: string,
  nowIso: string,
): void {
  state.integration = { hosts, tenantId, integratedAt: nowIso };
}

/**
 * CC-02: the Admin Console's status of the Access Management integration. Before
 * integration it cannot verify it; afterwards it stays verified only while Cloud
 * Connect runs everywhere and the firewall still allows the cloud's hosts. It does not
 * probe the cloud on each read: a cloud outage shows on the device as `cloud_unreachable`.
 */
export function integrationStatus(state: CloudConnectState): IntegrationStatus {
  const unverified = (
    reason: 'not_integrated' | 'cloud_connect_stopped' | 'host_blocked',
    why: string,
  ): IntegrationStatus => ({
    status: 'unverified',
    reason,
    message: `Cannot verify the Access Management integration: ${why}`,
  });
  if (!state.integration) {
    return unverified(
      'not_integrated',
      `no integration token has been entered. Create one in the Access Management setup from integration id ${state.integrationId} and enter it here.`,
    );
  }
  const stopped = stoppedAppliances(state);
  if (stopped.length > 0) {
    return unverified(
      'cloud_connect_stopped',
      `Cloud Connect is stopped on ${stopped.join(', ')}. Restart it on all appliances.`,
    );
  }
  const blocked = blockedHosts(state, state.integration.hosts);
  if (blocked.length > 0) {
    return unverified(
      'host_blocked',
      `the firewall blocks ${blocked.join(', ')}. Add ${blocked.map(patternFor).join(', ')} to the allowlist.`,
    );
  }
  return { status: 'verified' };
}

/** What MAM reads from the appliance (PRE-04): running everywhere, integration verified. */
export function summariseCloudConnect(state: CloudConnectState): {
  running: boolean;
  integrationVerified: boolean;
} {
  return {
    running: stoppedAppliances(state).length === 0,
    integrationVerified: integrationStatus(state).status === 'verified',
  };
}

/** The Appliance Console's view: Cloud Connect on each appliance. */
export function cloudConnectView(state: CloudConnectState) {
  const appliances = [...state.appliances].map(([id, cloudConnect]) => ({
    id,
    cloudConnect,
  }));
  return { appliances, runningOnAll: stoppedAppliances(state).length === 0 };
}

/** The Admin Console's integrations page: the id to copy and the status to read. */
export function integrationView(state: CloudConnectState) {
  return {
    integrationId: state.integrationId,
    ...integrationStatus(state),
    tenantId: state.integration?.tenantId ?? null,
    integratedAt: state.integration?.integratedAt ?? null,
  };
}
