import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { BrowserContext, Page } from 'playwright-core';

import { requestJson } from '../../clients/json-http';
import type { Person } from '../../fixtures/tenant';
import type { Finding } from '../../checks/finding';
import type { Attestations } from '../../checks/entra/snapshot';
import { HarnessFault } from '../../harness/errors';
import { worker } from './worker';

export interface SessionView {
  sessionId: string;
  deviceId: string;
  status: string;
  face: { offered: boolean; reason?: string; message?: string; ticket?: string };
  fallbackMethods: string[];
}

export type CameraFeed =
  { kind: 'face'; person: Person } | { kind: 'printed-photo'; person: Person } | { kind: 'empty' };

/** Per scenario: the person at the Launchpad, the phone in the browser, and what was set up. */
export class CheckoutWorld extends World {
  person?: Person;
  session?: SessionView;
  context?: BrowserContext;
  page?: Page;
  camera: { permission: 'granted' | 'denied'; feed?: CameraFeed; revokeAfterOpen?: boolean } = {
    permission: 'granted',
  };
  /** Requests to the cloud that the phone's missing internet access stopped. */
  blockedCloudRequests = 0;
  deviceOffline = false;
  cloudOutage?: { journalSeq: number; refusedBefore: number };
  /** Findings of the last Entra readiness run, and what an administrator attested. */
  findings?: Finding[];
  attestations: Attestations = {};
  /** The HRD policy an administrator created in this scenario. */
  createdPolicyId?: string;
  /** Set when the scenario planted a fault; the After hook takes it out again. */
  plantedFaults = false;
  /** MAM's answer to the last badge tap that was expected to be refused. */
  lastTap?: { status: number; body: any };
  /** The last answer EAM gave an administrator's change in this scenario. */
  lastEamAnswer?: { status: number; body: any };
  /** The last answer Graph gave an administrator's call in this scenario. */
  lastGraphAnswer?: { status: number; body: any };

  constructor(options: IWorldOptions) {
    super(options);
  }

  get tenant() {
    return worker().tenant;
  }

  get control() {
    return worker().control;
  }

  get urls() {
    return worker().running.urls;
  }

  get platform() {
    return worker().running.platform;
  }

  currentPerson(): Person {
    if (!this.person) throw new HarnessFault('The scenario has not said who is at the Launchpad');
    return this.person;
  }

  currentSession(): SessionView {
    if (!this.session) throw new HarnessFault('No check-out has started in this scenario');
    return this.session;
  }

  currentPage(): Page {
    if (!this.page) throw new HarnessFault('The phone is not open in the browser in this scenario');
    return this.page;
  }

  /** MAM's own view of a device, over its API. */
  async device(deviceId: string) {
    const { status, body } = await requestJson(`${this.urls.mam}/api/v1/devices/${deviceId}`);
    if (status !== 200) throw new HarnessFault(`MAM could not show device ${deviceId}: ${status}`);
    return body as { status: string; checkedOutTo: string | null; checkedOutWith: string | null };
  }
}

setWorldConstructor(CheckoutWorld);
