import type { Browser, BrowserContext, Page } from 'playwright-core';

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
  spare?: Promise<Phone>;
}

export interface Phone {
  context: BrowserContext;
  page: Page;
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

async function openPhone(): Promise<Phone> {
  const context = await (
    await workerBrowser()
  ).newContext({ viewport: { width: 420, height: 720 } });
  return { context, page: await context.newPage() };
}

/**
 * A fresh browser context with a blank page, for one scenario. Opening a page costs
 * Chromium a few hundred milliseconds, so the next one is prepared between scenarios
 * (see preparePhone); nothing of one scenario's context is ever reused by another.
 */
export async function takePhone(): Promise<Phone> {
  const r = worker();
  const phone = await (r.spare ?? openPhone());
  r.spare = undefined;
  return phone;
}

/** Opens the next scenario's phone in the background, once a browser is running. */
export function preparePhone(): void {
  const r = worker();
  if (!r.browser || r.spare) return;
  r.spare = openPhone();
  r.spare.catch(() => undefined);
}

export async function stopWorker(): Promise<void> {
  if (!resources) return;
  const spare = await resources.spare?.catch(() => undefined);
  await spare?.context.close();
  const browser = await resources.browser?.catch(() => undefined);
  await browser?.close();
  await resources.running.stop();
  resources = undefined;
}
