/**
 * `npm run mocks`: the mock platform alone, for a client, a real check-out backend
 * or many runners to share. Prints one JSON line, then serves until SIGINT/SIGTERM.
 */
import { BACKGROUND_STAFF, buildTenant, DEFAULT_SEED } from '../fixtures/tenant';
import { startPlatform } from '../mocks/platform/start';

async function main(): Promise<void> {
  const seed = Number(process.env.TENANT_SEED ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(seed))
    throw new Error(`TENANT_SEED must be an integer, got "${process.env.TENANT_SEED}"`);
  const size = Number(process.env.TENANT_STAFF ?? BACKGROUND_STAFF);
  if (!Number.isSafeInteger(size) || size < 0 || size > 1_000_000)
    throw new Error(
      `TENANT_STAFF must be an integer from 0 to 1000000, got "${process.env.TENANT_STAFF}"`,
    );
  const started = Date.now();
  const tenant = buildTenant(seed, size);
  const running = await startPlatform(tenant);
  // The read-only checker: enough for `npm run check:entra` and any Graph read.
  const client = tenant.graph.clients.find((c) => c.displayName.startsWith('Compliance checker'))!;

  console.log(
    JSON.stringify({
      ...running.urls,
      tenantId: tenant.graph.tenantId,
      tokenUrl: `${running.urls.graph}/${tenant.graph.tenantId}/oauth2/v2.0/token`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      scopeGroupIds: tenant.cloud.directory.groupIds,
      syncAppId: tenant.graph.directory.syncApp.appId,
      cloudToken: tenant.cloud.integrationToken,
      portalAdminKey: tenant.cloud.portal.adminKey,
      seed,
      users: tenant.graph.users.length,
      startMs: Date.now() - started,
    }),
  );

  const stop = async (signal: string) => {
    await running.stop();
    console.error(`mock platform stopped (${signal})`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`Could not start the mock platform: ${error.message}`);
  process.exit(1);
});
