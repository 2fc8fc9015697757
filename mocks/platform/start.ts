import type { Server } from 'node:http';

import { buildTenant, type Tenant } from '../../fixtures/tenant';
import { createControlServer } from './control';
import { MockPlatform, type ServiceUrls } from './platform';

export interface RunningPlatform {
  platform: MockPlatform;
  urls: ServiceUrls & { control: string };
  stop(): Promise<void>;
}

/** Starts the four simulators and the control server, all on free loopback ports. */
export async function startPlatform(tenant: Tenant = buildTenant()): Promise<RunningPlatform> {
  const platform = new MockPlatform(tenant);
  const urls = await platform.start();
  const control = createControlServer(platform);
  await new Promise<void>((resolve) => control.server.listen(0, '127.0.0.1', resolve));
  return {
    platform,
    urls: { ...urls, control: control.url() },
    async stop() {
      await new Promise<void>((resolve) => (control.server as Server).close(() => resolve()));
      await platform.stop();
    },
  };
}
