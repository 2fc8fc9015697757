import { sendFrame } from '../clients/face-frames';
import { isDeepStrictEqual } from 'node:util';

import { requestJson } from '../clients/json-http';
import type { Person, Tenant } from '../fixtures/tenant';
import type { LatencyProfile } from '../mocks/platform/latency-profile';
import type { PlatformUrls } from './servers';

/**
 * Puts the mock platform in a known state before each round: reset (phones docked,
 * tickets and sessions gone), then the run's latency profile on the cloud, read back
 * to confirm it took effect. A round that cannot be set up is a harness fault.
 */
export class BenchSetupError extends Error {
  override name = 'BenchSetupError';
}

export async function preparePlatform(urls: PlatformUrls, profile: LatencyProfile): Promise<void> {
  await expectOk('reset the platform', await requestJson(`${urls.control}/reset`, { body: {} }));
  const url = `${urls.control}/services/cloud/latency-profile`;
  await expectOk(
    'set the latency profile',
    await requestJson(url, { method: 'PUT', body: profile }),
  );
  const { body } = await requestJson<{ profile: unknown }>(url);
  if (!isDeepStrictEqual(body.profile, profile)) {
    throw new BenchSetupError(
      `The cloud reports latency profile ${JSON.stringify(body.profile)} after ${JSON.stringify(profile)} was set`,
    );
  }
}

/** A verification ticket straight from the cloud, so no phone is reserved for it. */
export async function issueTicket(
  urls: PlatformUrls,
  tenant: Tenant,
  person: Person,
): Promise<string> {
  const answer = await requestJson<{ ticket: string }>(`${urls.cloud}/api/v1/face/tickets`, {
    headers: { authorization: `Bearer ${tenant.cloud.integrationToken}` },
    body: { userPrincipalName: person.userPrincipalName },
  });
  await expectOk(`issue a verification ticket for ${person.key}`, answer);
  return answer.body.ticket;
}

/**
 * One verification before any load: the frame must match, or the benchmark would time
 * a rejection. Returns the answer's size, which the bare server then answers with.
 */
export async function probeVerify(
  urls: PlatformUrls,
  ticket: string,
  frame: Buffer,
): Promise<number> {
  const answer = await sendFrame(urls.cloud, ticket, frame);
  const text = JSON.stringify(answer.body);
  if (answer.status !== 200 || answer.body?.result !== 'match') {
    throw new BenchSetupError(
      `The verify endpoint answered ${answer.status} ${text.slice(0, 300)} for the enrolled face; expected a match. Check the cloud simulator with npm test.`,
    );
  }
  return Buffer.byteLength(text);
}

async function expectOk(what: string, answer: { status: number; body: unknown }): Promise<void> {
  if (answer.status >= 400) {
    throw new BenchSetupError(
      `Could not ${what}: the platform answered ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
}
