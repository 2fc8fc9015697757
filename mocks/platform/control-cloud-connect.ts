import type { Express } from 'express';

import {
  changeRegion,
  resetConnection,
  tenantHosts,
  type RegionChange,
} from '../cloud/integration';
import { resetPortal } from '../cloud/portal';
import { resetToFactory } from '../eam/cloud-connect';
import { ServiceError } from './http-error';
import type { MockPlatform } from './platform';

/**
 * What no simulator's own API changes about the cloud connection: a brand-new
 * appliance and cloud tenant, the hospital's firewall, the region Imprivata Services
 * created the tenant in. Scenarios start the guide's steps from here.
 */

const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

function checkAllowlist(raw: unknown): string[] {
  if (
    !Array.isArray(raw) ||
    raw.some((p) => typeof p !== 'string' || !HOST_PATTERN.test(p.trim()))
  ) {
    throw new ServiceError(
      400,
      'invalid_body',
      'Expected {"allowlist": ["*.sys.imprivata.com", ...]}: host names, or "*." and a domain',
    );
  }
  return raw.map((p: string) => p.trim());
}

export function mountCloudConnectControls(app: Express, platform: MockPlatform): void {
  // EAM as a new appliance ships: Cloud Connect stopped everywhere, nothing integrated.
  app.post('/eam/cloud-connect/factory-reset', (_req, res) => {
    resetToFactory(platform.state.eam.cloudConnect);
    res.status(204).end();
  });

  // The cloud tenant as Imprivata Services hands it over: not connected, portal unset.
  app.post('/cloud/connection/new-tenant', (_req, res) => {
    resetConnection(platform.state.cloud);
    resetPortal(platform.state.cloud);
    res.status(204).end();
  });

  app.get('/eam/firewall', (_req, res) => {
    res.json({ allowlist: platform.state.eam.cloudConnect.firewallAllowlist });
  });

  app.put('/eam/firewall', (req, res) => {
    const allowlist = checkAllowlist((req.body as { allowlist?: unknown } | undefined)?.allowlist);
    platform.state.eam.cloudConnect.firewallAllowlist = allowlist;
    res.json({ allowlist });
  });

  app.get('/cloud/connection', (_req, res) => {
    const { region, regionSuffixes } = platform.state.cloud.connection;
    res.json({
      region,
      regionSuffixes,
      hosts: tenantHosts(platform.state.cloud.connection),
    });
  });

  app.patch('/cloud/connection', (req, res) => {
    const connection = platform.state.cloud.connection;
    changeRegion(connection, (req.body ?? {}) as RegionChange);
    res.json({
      region: connection.region,
      regionSuffixes: connection.regionSuffixes,
      hosts: tenantHosts(connection),
    });
  });
}
