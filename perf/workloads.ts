import { randomUUID } from 'node:crypto';

import { frameHeaders } from '../clients/face-frames';
import { cameraFrame } from '../fixtures/faces';
import { findPerson, type Tenant } from '../fixtures/tenant';
import type { LatencyProfile } from '../mocks/platform/latency-profile';
import { runAutocannon, type RequestPlan } from './autocannon-load';
import type { BenchmarkName, LoadSettings } from './benchmarks';
import { runCheckoutFlows } from './checkout-load';
import { readMachineBusyMs } from './cpu-time';
import type { Measurement } from './measurement';
import { issueTicket, preparePlatform } from './platform-setup';
import type { PlatformUrls } from './servers';

/** The running servers and what every round needs to address them. */
export interface BenchTargets {
  platform: { urls: PlatformUrls; cpuMs(): number | undefined };
  bare?: { url: string; cpuMs(): number | undefined };
  tenant: Tenant;
  /** Ada's enrolled face as the Locker page sends it: a greymap of the camera frame. */
  frame: Buffer;
}

export const VERIFY_PATH = '/api/v1/face/verify';
const LAUNCHPAD = 'LP-ICU-1';
/** Two enrolled nurses with face and badge: one per phone docked at LP-ICU-1. */
const NURSES = ['Ada', 'Omar'];

export function adaFrame(tenant: Tenant): Buffer {
  return cameraFrame(findPerson(tenant, 'Ada').faceSeed);
}

/** The verify request the Locker page sends: the frame as the body, the ticket in a header. */
export function verifyRequest(url: string, ticket: string, frame: Buffer): RequestPlan {
  return { url, method: 'POST', headers: frameHeaders(ticket), body: frame };
}

/** Prepares the servers, sends one round of load, and records who used the CPU. */
export async function runRound(
  name: BenchmarkName,
  targets: BenchTargets,
  settings: LoadSettings,
  seconds: number,
  profile: LatencyProfile,
): Promise<Measurement> {
  const server = name === 'bare-http' ? targets.bare : targets.platform;
  if (!server) throw new Error('bare-http needs the bare server, which was not started');
  const load = await prepareLoad(name, targets, settings, seconds, profile);
  return measureCpuOf(server, load);
}

/** Runs the load and adds the CPU time the server and the whole machine used meanwhile. */
export async function measureCpuOf(
  server: { cpuMs(): number | undefined },
  load: () => Promise<Measurement>,
): Promise<Measurement> {
  const [serverBefore, machineBefore] = [server.cpuMs(), readMachineBusyMs()];
  const measurement = await load();
  const [serverAfter, machineAfter] = [server.cpuMs(), readMachineBusyMs()];
  if (serverBefore !== undefined && serverAfter !== undefined) {
    measurement.serverCpuMs = serverAfter - serverBefore;
  }
  if (machineBefore !== undefined && machineAfter !== undefined) {
    measurement.machineBusyMs = machineAfter - machineBefore;
  }
  return measurement;
}

async function prepareLoad(
  name: BenchmarkName,
  targets: BenchTargets,
  settings: LoadSettings,
  seconds: number,
  profile: LatencyProfile,
): Promise<() => Promise<Measurement>> {
  const { urls } = targets.platform;
  if (name === 'bare-http') {
    // The very request verify gets, ticket length included, so both read the same bytes.
    const plan = verifyRequest(`${targets.bare!.url}${VERIFY_PATH}`, randomUUID(), targets.frame);
    return () => runAutocannon(plan, settings, seconds);
  }

  await preparePlatform(urls, profile);
  if (name === 'verify') {
    const ticket = await issueTicket(urls, targets.tenant, findPerson(targets.tenant, 'Ada'));
    const plan = verifyRequest(`${urls.cloud}${VERIFY_PATH}`, ticket, targets.frame);
    return () => runAutocannon(plan, settings, seconds);
  }

  const nurses = NURSES.map((key) => {
    const person = findPerson(targets.tenant, key);
    const frame = cameraFrame(person.faceSeed);
    return { badgeId: person.badgeId, password: person.password, frame };
  });
  const plan = { mamUrl: urls.mam, cloudUrl: urls.cloud, launchpadId: LAUNCHPAD, nurses };
  return () => runCheckoutFlows(plan, settings, seconds);
}

export function generatorOf(name: BenchmarkName, autocannonVersion: string): string {
  return name === 'checkout'
    ? "Node's fetch, one closed-loop nurse per connection (the flow crosses two origins)"
    : `autocannon ${autocannonVersion}`;
}
