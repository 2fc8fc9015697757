import { buildTenant, type Tenant } from '../../fixtures/tenant';
import { createCloudState } from '../cloud/rules';
import { runDirectorySync } from '../cloud/directory-sync';
import { cloudDirectRoutes, mountCloud, type CloudContext } from '../cloud/routes';
import type { CloudState } from '../cloud/state';
import { mountEam } from '../eam/routes';
import { createEamState, type EamState } from '../eam/state';
import { mountGraph, renderGraphError } from '../graph/routes';
import { createGraphState, type GraphState } from '../graph/state';
import { mountMam } from '../mam/routes';
import { createMamState, type MamState } from '../mam/state';
import { PlatformClock } from './clock';
import { parsePlantedFaults, type PlantedFault } from './faults';
import { renderVendorError } from './render-error';
import { MockService, type ServiceName } from './service';

export interface PlatformState {
  tenant: Tenant;
  graph: GraphState;
  eam: EamState;
  cloud: CloudState;
  mam: MamState;
}

export type ServiceUrls = Record<ServiceName, string>;

/**
 * The four simulators wired as in production: MAM calls EAM and the cloud, the cloud
 * syncs its directory from Graph. Each listens on its own free loopback port.
 */
export class MockPlatform {
  readonly clock = new PlatformClock();
  /** Planted faults survive resets: they belong to the run, not to a scenario. */
  readonly faults: Set<PlantedFault> = parsePlantedFaults(process.env.HARNESS_PLANTED_FAULTS);
  readonly services: Record<ServiceName, MockService>;
  private current!: PlatformState;

  constructor(tenant: Tenant = buildTenant()) {
    this.load(tenant);
    const state = () => this.current;
    const cloud: CloudContext = {
      state: () => state().cloud,
      clock: this.clock,
      graphUrl: () => this.services.graph.url,
      faults: this.faults,
    };
    this.services = {
      graph: new MockService({
        name: 'graph',
        correlationHeader: 'client-request-id',
        renderError: renderGraphError,
        bodyLimit: '4mb',
        acceptsForms: true,
        mount: (router) => mountGraph(router, { state: () => state().graph, clock: this.clock }),
      }),
      eam: new MockService({
        name: 'eam',
        correlationHeader: 'x-correlation-id',
        renderError: renderVendorError,
        mount: (router) =>
          mountEam(router, {
            state: () => state().eam,
            clock: this.clock,
            cloudUrl: () => this.services.cloud.url,
          }),
      }),
      cloud: new MockService({
        name: 'cloud',
        correlationHeader: 'x-correlation-id',
        renderError: renderVendorError,
        mount: (router) => mountCloud(router, cloud),
        directRoutes: cloudDirectRoutes(cloud),
      }),
      mam: new MockService({
        name: 'mam',
        correlationHeader: 'x-correlation-id',
        renderError: renderVendorError,
        mount: (router) =>
          mountMam(router, {
            state: () => state().mam,
            clock: this.clock,
            faults: this.faults,
            upstreams: () => ({
              eamUrl: this.services.eam.url,
              eamApiKey: state().eam.apiKey,
              cloudUrl: this.services.cloud.url,
              cloudToken: state().cloud.integrationToken,
            }),
          }),
      }),
    };
  }

  get state(): PlatformState {
    return this.current;
  }

  get urls(): ServiceUrls {
    const { graph, eam, cloud, mam } = this.services;
    return { graph: graph.url, eam: eam.url, cloud: cloud.url, mam: mam.url };
  }

  async start(): Promise<ServiceUrls> {
    await Promise.all(Object.values(this.services).map((s) => s.listen()));
    await this.syncDirectory();
    return this.urls;
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.close()));
  }

  /** Back to the tenant as built: fresh state, online, no latency, empty journals. */
  async reset(tenant: Tenant = this.current.tenant): Promise<void> {
    this.clock.reset();
    this.load(tenant);
    for (const service of Object.values(this.services)) service.resetConditions();
    await this.syncDirectory();
    for (const service of Object.values(this.services)) service.journal.clear();
  }

  /** The cloud's directory sync, over HTTP through Graph, as the platform does on a schedule. */
  async syncDirectory(): Promise<void> {
    await runDirectorySync(this.current.cloud, this.services.graph.url, this.clock.nowIso());
  }

  private load(tenant: Tenant): void {
    const nowIso = this.clock.nowIso();
    this.current = {
      tenant,
      graph: createGraphState(tenant.graph),
      eam: createEamState(tenant.eam),
      cloud: createCloudState(tenant.cloud, nowIso),
      mam: createMamState(tenant.mam),
    };
  }
}
