import { GraphClient } from '../../clients/graph-client';
import { requestJson } from '../../clients/json-http';
import type { GraphClientApp } from '../../fixtures/tenant';
import { runEntraChecks } from '../../checks/entra';
import type { Finding } from '../../checks/finding';
import { readEntraSnapshot } from '../../checks/entra/read-snapshot';
import type { Attestations, CloudDirectoryView } from '../../checks/entra/snapshot';
import { HarnessFault } from '../../harness/errors';
import type { CheckoutWorld } from './world';

function clientNamed(world: CheckoutWorld, prefix: string): GraphClientApp {
  const client = world.tenant.graph.clients.find((c) => c.displayName.startsWith(prefix));
  if (!client) throw new HarnessFault(`The fixture tenant has no Graph client "${prefix}…"`);
  return client;
}

function graphClient(world: CheckoutWorld, app: GraphClientApp): GraphClient {
  return new GraphClient({
    graphUrl: world.urls.graph,
    loginUrl: world.urls.graph,
    tenantId: world.tenant.graph.tenantId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
  });
}

/** A Graph call made the way a tenant administrator would make it, with its token. */
export async function adminCall(
  world: CheckoutWorld,
  method: string,
  path: string,
  body?: unknown,
) {
  const admin = graphClient(world, clientNamed(world, 'Tenant administrator'));
  const token = await admin.token();
  const base = path.startsWith('/beta/') ? world.urls.graph : `${world.urls.graph}/v1.0`;
  return requestJson(`${base}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The same as adminCall, but anything other than 2xx means the set-up did not happen. */
export async function adminChange(
  world: CheckoutWorld,
  method: string,
  path: string,
  body?: unknown,
) {
  const answer = await adminCall(world, method, path, body);
  if (answer.status >= 300)
    throw new HarnessFault(
      `Set-up through Graph failed: ${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  return answer.body;
}

/** Changes the platform can make but Graph cannot (federation, PHS, sync state). */
export async function plantTenantChange(
  world: CheckoutWorld,
  changes: Record<string, unknown>,
): Promise<void> {
  const answer = await requestJson(`${world.urls.control}/graph/tenant`, {
    method: 'PATCH',
    body: changes,
  });
  if (answer.status !== 204)
    throw new HarnessFault(
      `Could not change the tenant: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
}

export async function runDirectorySync(world: CheckoutWorld) {
  const answer = await requestJson(`${world.urls.control}/cloud/directory-sync`, { body: {} });
  if (answer.status !== 200 || answer.body?.error)
    throw new HarnessFault(`The directory sync did not run: ${JSON.stringify(answer.body)}`);
  return answer.body as { synced: number; notSynced: number };
}

async function readCloudDirectory(world: CheckoutWorld): Promise<CloudDirectoryView> {
  const answer = await requestJson(`${world.urls.cloud}/api/v1/directory`, {
    headers: { authorization: `Bearer ${world.tenant.cloud.integrationToken}` },
  });
  if (answer.status !== 200)
    throw new HarnessFault(`The cloud platform's directory could not be read: ${answer.status}`);
  return answer.body as CloudDirectoryView;
}

/** Runs every Entra readiness check read-only, with the checker's own token. */
export async function checkTenant(
  world: CheckoutWorld,
  attestations: Attestations,
): Promise<Finding[]> {
  const checker = graphClient(world, clientNamed(world, 'Compliance checker'));
  const snapshot = await readEntraSnapshot(checker, {
    tenantId: world.tenant.graph.tenantId,
    readCloudDirectory: () => readCloudDirectory(world),
  });
  return runEntraChecks(snapshot, attestations);
}
