import { randomUUID } from 'node:crypto';

import type { PrimaryMethod } from '../../fixtures/tenant';
import { ServiceError } from '../platform/http-error';
import {
  CONSENT_TEXT,
  FACE_RESULT_MESSAGES,
  FACE_UNAVAILABLE_REASONS,
  type FaceResult,
  type FaceUnavailableReason,
} from './reasons';
import type { FaceDecision } from './eligibility';
import type { AuditEntry, CheckoutSession, MamState, ManagedDevice } from './state';

export function recordAudit(state: MamState, entry: Omit<AuditEntry, 'seq'>): AuditEntry {
  const full = { seq: state.audit.length + 1, ...entry };
  state.audit.push(full);
  return full;
}

function auditFor(session: CheckoutSession, nowIso: string) {
  return {
    time: nowIso,
    correlationId: session.correlationId,
    sessionId: session.id,
    userPrincipalName: session.userPrincipalName,
    deviceId: session.deviceId,
    launchpadId: session.launchpadId,
  };
}

export function findLaunchpad(state: MamState, launchpadId: string) {
  const launchpad = state.launchpads.get(launchpadId);
  if (!launchpad) throw new ServiceError(404, 'launchpad_unknown', `No Launchpad ${launchpadId}`);
  return launchpad;
}

export function findDevice(state: MamState, deviceId: string): ManagedDevice {
  const device = state.devices.get(deviceId);
  if (!device) throw new ServiceError(404, 'device_unknown', `No device ${deviceId}`);
  return device;
}

/**
 * Assumption: a phone handed out but not taken within this long goes back to the
 * Launchpad, so an abandoned tap never leaves it reserved to nobody. Not a vendor value.
 */
export const RESERVATION_MINUTES = 2;

/** Ends a check-out that never completed and docks its phone again. */
export function cancelSession(
  state: MamState,
  session: CheckoutSession,
  nowIso: string,
  why: string,
): void {
  if (
    session.status === 'checked_out' ||
    session.status === 'checked_in' ||
    session.status === 'cancelled'
  ) {
    throw new ServiceError(
      409,
      'session_state',
      `Session ${session.id} is ${session.status}; only a check-out in progress can be cancelled`,
    );
  }
  session.status = 'cancelled';
  const device = findDevice(state, session.deviceId);
  device.status = 'docked';
  delete device.sessionId;
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'cancelled',
    factors: [],
    result: 'failure',
    reason: why,
  });
}

function releaseAbandoned(state: MamState, nowIso: string): void {
  const cutoff = Date.parse(nowIso) - RESERVATION_MINUTES * 60_000;
  for (const session of state.sessions.values()) {
    const open = session.status.startsWith('awaiting_');
    if (open && Date.parse(session.startedAt) < cutoff)
      cancelSession(state, session, nowIso, 'reservation_expired');
  }
}

/** The first docked device on the Launchpad; check-out hands out one phone per tap. */
export function pickDockedDevice(
  state: MamState,
  launchpadId: string,
  nowIso: string,
): ManagedDevice {
  releaseAbandoned(state, nowIso);
  for (const device of state.devices.values()) {
    if (device.launchpadId === launchpadId && device.status === 'docked') return device;
  }
  throw new ServiceError(
    409,
    'no_device_available',
    `Launchpad ${launchpadId} has no docked device to hand out`,
  );
}

export interface SessionOpening {
  correlationId: string;
  device: ManagedDevice;
  eamUserId: string;
  userPrincipalName: string;
  displayName: string;
  primaryMethods: PrimaryMethod[];
  secondFactor: CheckoutSession['secondFactor'];
  gracePeriodMinutes: number;
  decision: FaceDecision;
  ticket?: string;
}

/** Reserves the device for the badge holder and records the tap with the face decision. */
export function openSession(
  state: MamState,
  opening: SessionOpening,
  nowIso: string,
): CheckoutSession {
  const { device, decision } = opening;
  const session: CheckoutSession = {
    id: randomUUID(),
    correlationId: opening.correlationId,
    launchpadId: device.launchpadId,
    deviceId: device.id,
    eamUserId: opening.eamUserId,
    userPrincipalName: opening.userPrincipalName,
    displayName: opening.displayName,
    primaryMethods: opening.primaryMethods,
    secondFactor: opening.secondFactor,
    gracePeriodMinutes: opening.gracePeriodMinutes,
    face: decision.offered
      ? { offered: true, ticket: opening.ticket }
      : { offered: false, reason: decision.reason, detail: decision.detail },
    status: !decision.offered
      ? 'awaiting_fallback'
      : decision.enrolment
        ? 'awaiting_consent'
        : 'awaiting_face',
    faceAttempts: 0,
    startedAt: nowIso,
  };
  state.sessions.set(session.id, session);
  device.status = 'reserved';
  device.sessionId = session.id;

  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'badge_tap',
    factors: ['badge'],
    result: 'success',
  });
  if (!decision.offered) {
    recordAudit(state, {
      ...auditFor(session, nowIso),
      event: 'face_unavailable',
      factors: ['face'],
      result: 'unavailable',
      reason: decision.reason,
      detail: decision.detail,
    });
  }
  return session;
}

export function findSession(state: MamState, sessionId: string): CheckoutSession {
  const session = state.sessions.get(sessionId);
  if (!session) throw new ServiceError(404, 'session_unknown', `No check-out session ${sessionId}`);
  return session;
}

function expectStatus(session: CheckoutSession, ...allowed: CheckoutSession['status'][]): void {
  if (!allowed.includes(session.status)) {
    throw new ServiceError(
      409,
      'session_state',
      `Session ${session.id} is ${session.status}; expected ${allowed.join(' or ')}`,
    );
  }
}

/** The other primary factors of the policy; the card already started the check-out. */
export function fallbackMethods(session: CheckoutSession): PrimaryMethod[] {
  return session.primaryMethods.filter((m) => m !== 'face' && m !== 'badge');
}

/**
 * The second factor still to ask after `primary`: a badge second factor (or "any") is
 * the tap itself; a PIN is asked unless a grace period from an earlier PIN is still
 * running (CO-07), on the platform clock.
 */
function pendingSecondFactor(
  state: MamState,
  session: CheckoutSession,
  primary: PrimaryMethod,
  nowIso: string,
): 'pin' | undefined {
  if (session.secondFactor !== 'pin' || primary === 'pin') return undefined;
  const graceUntil = state.secondFactorGrace.get(session.userPrincipalName) ?? 0;
  if (graceUntil > Date.parse(nowIso)) {
    session.secondFactorWaived = true;
    return undefined;
  }
  return 'pin';
}

/** The device reported that it cannot use face recognition (camera, network). */
export function markFaceUnavailable(
  state: MamState,
  session: CheckoutSession,
  reason: FaceUnavailableReason,
  nowIso: string,
  detail = 'reported by the device',
): void {
  expectStatus(session, 'awaiting_face', 'awaiting_consent');
  session.status = 'awaiting_fallback';
  session.face = { offered: false, reason, detail };
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'face_unavailable',
    factors: ['face'],
    result: 'unavailable',
    reason,
    detail,
  });
}

export interface FaceOutcome {
  result: FaceResult;
  score: number;
}

export function applyFaceResult(
  state: MamState,
  session: CheckoutSession,
  outcome: FaceOutcome,
  nowIso: string,
): void {
  expectStatus(session, 'awaiting_face');
  session.faceAttempts += 1;
  const matched = outcome.result === 'match';
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'face_attempt',
    factors: ['face'],
    result: matched ? 'success' : 'failure',
    reason: matched ? undefined : `face_${outcome.result}`,
    score: outcome.score,
  });
  if (matched) advanceAfterPrimary(state, session, 'face', nowIso);
}

/** CO-04: only the other primary factors of the user's policy may stand in for face. */
export function assertFallbackAllowed(session: CheckoutSession, method: PrimaryMethod): void {
  expectStatus(session, 'awaiting_fallback', 'awaiting_face');
  if (!fallbackMethods(session).includes(method)) {
    throw new ServiceError(
      403,
      'method_not_allowed',
      `The user's policy does not allow ${method} here; allowed: ${fallbackMethods(session).join(', ')}`,
    );
  }
}

export function applyFallbackResult(
  state: MamState,
  session: CheckoutSession,
  method: PrimaryMethod,
  ok: boolean,
  nowIso: string,
): void {
  assertFallbackAllowed(session, method);
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'fallback_attempt',
    factors: [method],
    result: ok ? 'success' : 'failure',
    reason: ok ? session.face.reason : `${method}_rejected`,
  });
  if (ok) advanceAfterPrimary(state, session, method, nowIso);
}

export function applySecondFactorResult(
  state: MamState,
  session: CheckoutSession,
  ok: boolean,
  nowIso: string,
): void {
  expectStatus(session, 'awaiting_second_factor');
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'second_factor',
    factors: ['pin'],
    result: ok ? 'success' : 'failure',
    reason: ok ? undefined : 'pin_rejected',
  });
  if (!ok) return;
  if (session.gracePeriodMinutes > 0) {
    state.secondFactorGrace.set(
      session.userPrincipalName,
      Date.parse(nowIso) + session.gracePeriodMinutes * 60_000,
    );
  }
  completeCheckout(state, session, nowIso);
}

function advanceAfterPrimary(
  state: MamState,
  session: CheckoutSession,
  primary: PrimaryMethod,
  nowIso: string,
): void {
  session.primary = primary;
  if (pendingSecondFactor(state, session, primary, nowIso))
    session.status = 'awaiting_second_factor';
  else completeCheckout(state, session, nowIso);
}

function factorsUsed(session: CheckoutSession): string[] {
  const asksPin = session.secondFactor === 'pin' && session.primary !== 'pin';
  const second = !asksPin ? 'badge' : session.secondFactorWaived ? 'pin (grace period)' : 'pin';
  return [session.primary ?? 'unknown', second];
}

function completeCheckout(state: MamState, session: CheckoutSession, nowIso: string): void {
  const device = findDevice(state, session.deviceId);
  session.status = 'checked_out';
  device.status = 'checked_out';
  device.checkedOutTo = session.userPrincipalName;
  device.checkedOutWith = session.primary;
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'checked_out',
    factors: factorsUsed(session),
    result: 'success',
    reason: session.face.reason,
  });
}

/** Ends the session and locks the device back into the Launchpad. */
export function checkIn(state: MamState, deviceId: string, nowIso: string): ManagedDevice {
  const device = findDevice(state, deviceId);
  if (device.status !== 'checked_out' || !device.sessionId) {
    throw new ServiceError(
      409,
      'device_not_checked_out',
      `Device ${deviceId} is ${device.status}, not checked out`,
    );
  }
  const session = findSession(state, device.sessionId);
  session.status = 'checked_in';
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'checked_in',
    factors: [],
    result: 'success',
  });
  device.status = 'docked';
  delete device.sessionId;
  delete device.checkedOutTo;
  delete device.checkedOutWith;
  return device;
}

/** What the Locker page needs to know about the session on its device. */
/**
 * CO-12: the user's answer to the enrolment question. A refusal ends face recognition
 * for this check-out and nothing is sent; consent lets the picture go to the cloud.
 */
export function recordEnrolment(
  state: MamState,
  session: CheckoutSession,
  outcome: { consent: boolean; enrolled: boolean; detail?: string },
  nowIso: string,
): void {
  expectStatus(session, 'awaiting_consent');
  const reason = !outcome.consent
    ? 'consent_declined'
    : outcome.enrolled
      ? undefined
      : 'not_enrolled';
  recordAudit(state, {
    ...auditFor(session, nowIso),
    event: 'enrolment',
    factors: ['face'],
    result: outcome.enrolled ? 'success' : 'failure',
    reason,
    detail: outcome.detail,
  });
  if (reason)
    markFaceUnavailable(
      state,
      session,
      reason,
      nowIso,
      outcome.detail ?? 'the user declined to enrol',
    );
}

/** After enrolment, the ticket for the first verification. */
export function startVerification(session: CheckoutSession, ticket: string): void {
  expectStatus(session, 'awaiting_consent');
  session.status = 'awaiting_face';
  session.face = { offered: true, ticket };
}

/** CO-13: the cloud suspended face for this user; the other methods remain. */
export function suspendFace(
  state: MamState,
  session: CheckoutSession,
  until: string,
  nowIso: string,
): void {
  markFaceUnavailable(
    state,
    session,
    'face_suspended',
    nowIso,
    `suspended by the cloud platform until ${until}`,
  );
}

export function sessionView(session: CheckoutSession, planted: { noFallback?: boolean } = {}) {
  const reason = session.face.reason;
  return {
    sessionId: session.id,
    deviceId: session.deviceId,
    displayName: session.displayName,
    status: session.status,
    face: {
      offered: session.face.offered,
      consentText: session.status === 'awaiting_consent' ? CONSENT_TEXT : undefined,
      ticket: session.status === 'awaiting_face' ? session.face.ticket : undefined,
      reason,
      message: reason ? FACE_UNAVAILABLE_REASONS[reason] : undefined,
    },
    secondFactor: session.status === 'awaiting_second_factor' ? 'pin' : undefined,
    fallbackMethods: planted.noFallback ? [] : fallbackMethods(session),
    faceAttempts: session.faceAttempts,
  };
}

export function faceResultMessage(result: FaceOutcome['result']): string {
  return FACE_RESULT_MESSAGES[result];
}
