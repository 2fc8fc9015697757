import { after, before } from 'node:test';

import { GraphClient } from '../../clients/graph-client';
import { startPlatform, type RunningPlatform } from '../../mocks/platform/start';

/** Starts one platform for a test file and stops it afterwards. */
export function usePlatform(): () => RunningPlatform {
  let running: RunningPlatform | undefined;
  before(async () => {
    running = await startPlatform();
  });
  after(async () => {
    await running?.stop();
  });
  return () => {
    if (!running) throw new Error('platform not started');
    return running;
  };
}

export function graphClientFor(running: RunningPlatform): GraphClient {
  const { tenant } = running.platform.state;
  const client = tenant.graph.clients[0]!;
  return new GraphClient({
    graphUrl: running.urls.graph,
    loginUrl: running.urls.graph,
    tenantId: tenant.graph.tenantId,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
  });
}
