import type { Browser } from 'playwright-core';

import { ControlClient } from '../../clients/control-client';
import { buildTenant, DEFAULT_SEED, type Tenant } from '../../fixtures/tenant';
import { launchBrowser } from '../../harness/browser';
import { startPlatform, type RunningPlatform } from '../../mocks/platform/start';

/**
 * What one cucumber worker owns: its own mock platform on free ports and, once a
 * browser scenario needs it, one Chromium. cucumber-js runs BeforeAll once per worker
 * process, so nothing here binds a fixed port or is shared between workers.
 */
export interface WorkerResources {
  running: RunningPlatform;
  control: ControlClient;
  tenant: Tenant;
  browser?: Promise<Browser>;
}

let resources: WorkerResources | undefined;

export async function startWorker(): Promise<WorkerResources> {
  const seed = Number(process.env.TENANT_SEED ?? DEFAULT_SEED);
  const tenant = buildTenant(seed);
  const running = await startPlatform(tenant);
  resources = { running, control: new ControlClient(running.urls.control), tenant };
  return resources;
}

export function worker(): WorkerResources {
  if (!resources) throw new Error('The worker platform is not started (BeforeAll did not run)');
  return resources;
}

export function workerBrowser(): Promise<Browser> {
  const r = worker();
  r.browser ??= launchBrowser();
  return r.browser;
}

export async function stopWorker(): Promise<void> {
  if (!resources) return;
  const browser = await resources.browser?.catch(() => undefined);
  await browser?.close();
  await resources.running.stop();
  resources = undefined;
}
