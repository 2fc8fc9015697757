import assert from 'node:assert/strict';

import {
  FACE_RESULT_MESSAGES,
  FACE_UNAVAILABLE_REASONS,
  type FaceResult,
  type FaceUnavailableReason,
} from '../../mocks/mam/reasons';
import { screenText } from './phone';
import type { CheckoutWorld } from './world';

/**
 * What a person checks on the phone's screen; shared by the steps that expect it and
 * those that expect it to fail.
 */
export async function expectUnavailable(
  world: CheckoutWorld,
  reason: FaceUnavailableReason,
): Promise<void> {
  const screen = await screenText(world);
  assert.equal(screen.state, 'unavailable', `The phone shows "${screen.status}" ${screen.message}`);
  assert.equal(
    screen.reason,
    reason,
    `The phone gives reason ${screen.reason}: "${screen.message}"`,
  );
  assert.equal(screen.message, FACE_UNAVAILABLE_REASONS[reason]);
}

/** A captured face the cloud did not accept: the reason and its own message. */
export async function expectFaceRefused(world: CheckoutWorld, result: FaceResult): Promise<void> {
  const screen = await screenText(world);
  assert.equal(
    screen.reason,
    `face_${result}`,
    `The phone shows "${screen.status}" ${screen.message}`,
  );
  assert.equal(screen.message, FACE_RESULT_MESSAGES[result]);
}

export async function expectOffers(world: CheckoutWorld, list: string): Promise<void> {
  const screen = await screenText(world);
  assert.deepEqual(
    screen.buttons,
    list.split(',').map((s) => s.trim()),
  );
}

/**
 * A must-fail check: with a planted fault in the product, the check a scenario relies
 * on must fail as a finding (an assertion), which proves it would catch the fault.
 */
export async function expectFinding(check: () => Promise<void>, what: string): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof assert.AssertionError) return;
    throw error;
  }
  assert.fail(`The check that ${what} passed although the product carries a planted fault`);
}
