import { CloudConnectClient } from '../../clients/cloud-connect-client';
import { requestJson } from '../../clients/json-http';
import type { CloudConnectionSnapshot } from '../../checks/cloud-connection';
import { HarnessFault } from '../../harness/errors';
import type { CheckoutWorld } from './world';

/**
 * What the cloud-connection steps share: the administrator's client, what this
 * scenario made or was answered, and the control-plane set-ups with their self-checks.
 */

export interface Answer {
  status: number;
  body: any;
}

interface CloudConnectScenario {
  /** The last answer to the administrator's integrate or upload. */
  answer?: Answer;
}

const scenarios = new WeakMap<CheckoutWorld, CloudConnectScenario>();

export function scenarioOf(world: CheckoutWorld): CloudConnectScenario {
  let scenario = scenarios.get(world);
  if (!scenario) scenarios.set(world, (scenario = {}));
  return scenario;
}

export function lastAnswer(world: CheckoutWorld): Answer {
  const answer = scenarioOf(world).answer;
  if (!answer)
    throw new HarnessFault(
      'The administrator has not integrated or uploaded anything in this scenario',
    );
  return answer;
}

export function adminOf(world: CheckoutWorld): CloudConnectClient {
  return new CloudConnectClient({
    eamUrl: world.urls.eam,
    eamApiKey: world.tenant.eam.apiKey,
    cloudUrl: world.urls.cloud,
    portalAdminKey: world.tenant.cloud.portal.adminKey,
  });
}

export function setupCheck(ok: boolean, message: string): void {
  if (!ok) throw new HarnessFault(`Set-up did not take effect: ${message}`);
}

/** An administrator's change that must succeed for the scenario to mean anything. */
export async function adminChange(call: Promise<Answer>, what: string): Promise<any> {
  const { status, body } = await call;
  setupCheck(status < 300, `${what} answered ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function control(world: CheckoutWorld, method: string, path: string, body?: unknown) {
  const answer = await requestJson(`${world.urls.control}${path}`, { method, body });
  setupCheck(
    answer.status < 300,
    `control ${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`,
  );
  return answer.body;
}

/** The appliances, the integration and the portal, read as an administrator would. */
export async function readCloudConnection(world: CheckoutWorld): Promise<CloudConnectionSnapshot> {
  const admin = adminOf(world);
  const [appliances, integration, portal] = await Promise.all([
    adminChange(admin.cloudConnect(), 'reading Cloud Connect'),
    adminChange(admin.integration(), 'reading the integration'),
    adminChange(admin.portalSettings(), 'reading the portal settings'),
  ]);
  return {
    appliances: appliances.appliances,
    integration,
    portal: {
      adminConsoleSamlSso: portal.adminConsoleSamlSso,
      connectedIntegrationId: portal.connection.connectedIntegrationId,
    },
  };
}

/** The cloud tenant's host names for its current region, as the platform made them. */
export async function tenantHosts(world: CheckoutWorld): Promise<{ sys: string; app: string }> {
  return (await control(world, 'GET', '/cloud/connection')).hosts;
}
