import { randomUUID } from 'node:crypto';

import { ENTRA_PREMIUM_PLANS, type AssignedPlan, type CloudSlice } from '../../fixtures/tenant';
import { renderFace } from '../../fixtures/faces';
import { ServiceError } from '../platform/http-error';
import { createConnectionState } from './integration';
import { createPortalState } from './portal';
import {
  analyseFrame,
  FrameDecodeError,
  greyOf,
  matchFrame,
  readFrame,
  type FaceTemplate,
  type FrameMatch,
  type GreyFrame,
} from './face-match';
import {
  upnKey,
  type CloudState,
  type DirectoryRecord,
  type Verification,
  type VerificationResult,
} from './state';

const templateCache = new Map<string, FaceTemplate>();

/**
 * Verifications the cloud remembers for MAM to read back; the oldest go first. MAM
 * reads a verification within seconds of it, so this only bounds a long load run.
 */
const KEPT_VERIFICATIONS = 10_000;

/** The template the cloud would have stored when this face was enrolled. */
function enrolledTemplate(faceSeed: string): FaceTemplate {
  let template = templateCache.get(faceSeed);
  if (!template) {
    const face = renderFace(faceSeed);
    template = analyseFrame(greyOf(face.width, face.height, face.pixels)).template;
    templateCache.set(faceSeed, template);
  }
  return template;
}

export function createCloudState(slice: CloudSlice, nowIso: string): CloudState {
  return {
    tenantId: slice.tenantId,
    integrationToken: slice.integrationToken,
    agreements: { ...slice.agreements },
    connection: createConnectionState(slice.connection),
    portal: createPortalState(slice.portal),
    graph: { ...slice.graph },
    directoryConfig: structuredClone(slice.directory),
    matchThreshold: slice.matchThreshold,
    failureLimit: slice.failureLimit,
    suspensionSeconds: slice.suspensionSeconds,
    failures: new Map(),
    minFaceContrast: slice.minFaceContrast,
    minLiveContrast: slice.minLiveContrast,
    ticketLifetimeMs: 5 * 60_000,
    directory: new Map(),
    enrolments: new Map(
      slice.enrolled.map((e) => [
        upnKey(e.userPrincipalName),
        { template: enrolledTemplate(e.faceSeed), enrolledAt: nowIso },
      ]),
    ),
    tickets: new Map(),
    verifications: new Map(),
  };
}

/** The Graph fields directory sync reads (`$select`ed, since Graph omits them by default). */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean | null;
  onPremisesSyncEnabled: boolean | null;
  assignedPlans: AssignedPlan[] | null;
}

const PREMIUM_PLAN_IDS: string[] = [ENTRA_PREMIUM_PLANS.p1, ENTRA_PREMIUM_PLANS.p2];

/**
 * PRE-05 and PRE-06: a user syncs when synchronised from on-premises AD and holding
 * an enabled Entra ID P1 or P2 plan. Judged by service plan id, never by SKU name: a
 * bundle named like a premium SKU can have its P1 plan switched off.
 */
export function judgeDirectoryUser(user: DirectoryUser): DirectoryRecord {
  const record = { userPrincipalName: user.userPrincipalName, entraId: user.id };
  if (user.accountEnabled === false) {
    return { ...record, synced: false, detail: 'the Entra ID account is disabled' };
  }
  if (user.onPremisesSyncEnabled !== true) {
    return {
      ...record,
      synced: false,
      detail:
        'the user is not synchronised from on-premises Active Directory (onPremisesSyncEnabled is not true)',
    };
  }
  const premium = (user.assignedPlans ?? []).filter((p) =>
    PREMIUM_PLAN_IDS.includes(p.servicePlanId),
  );
  const enabled = premium.some(
    (p) => p.capabilityStatus === 'Enabled' || p.capabilityStatus === 'Warning',
  );
  if (!enabled) {
    const seen =
      premium.map((p) => `${p.servicePlanId} ${p.capabilityStatus}`).join(', ') || 'none assigned';
    return {
      ...record,
      synced: false,
      detail: `no enabled Entra ID P1 or P2 service plan (premium plans: ${seen})`,
    };
  }
  return { ...record, synced: true };
}

export function recordDirectorySync(
  state: CloudState,
  records: DirectoryRecord[],
  nowIso: string,
): void {
  state.directory = new Map(records.map((r) => [upnKey(r.userPrincipalName), r]));
  const synced = [...state.directory.values()].filter((r) => r.synced).length;
  state.lastSync = { time: nowIso, synced, notSynced: state.directory.size - synced };
}

export function directoryStatus(state: CloudState, userPrincipalName: string): DirectoryRecord {
  return (
    state.directory.get(upnKey(userPrincipalName)) ?? {
      userPrincipalName,
      entraId: '',
      synced: false,
      detail: state.lastSync
        ? 'the user is not a member of the Entra ID groups chosen for sync'
        : 'the directory has not been synced yet',
    }
  );
}

export function isEnrolled(state: CloudState, userPrincipalName: string): boolean {
  return state.enrolments.has(upnKey(userPrincipalName));
}

/** Reads a camera frame (PGM or PNG); bytes that are not one are the caller's 400. */
function readFrameBytes(frame: Buffer): GreyFrame {
  try {
    return readFrame(frame);
  } catch (error) {
    if (error instanceof FrameDecodeError)
      throw new ServiceError(400, 'invalid_frame', error.message);
    throw error;
  }
}

/**
 * CO-12: a face is enrolled only with the user's explicit consent. Without it the
 * request is refused before the frame is even decoded, and nothing is stored.
 */
export function enrolFace(
  state: CloudState,
  userPrincipalName: string,
  consent: boolean,
  frame: Buffer,
  nowIso: string,
) {
  if (!consent) {
    throw new ServiceError(
      422,
      'consent_required',
      `No consent to enrol ${userPrincipalName}; nothing was stored`,
    );
  }
  const analysis = analyseFrame(readFrameBytes(frame));
  if (analysis.contrast < state.minFaceContrast) {
    throw new ServiceError(422, 'no_face', 'No face found in the enrolment picture');
  }
  // What verification would refuse as not live is no face to enrol either.
  if (analysis.contrast < state.minLiveContrast) {
    throw new ServiceError(
      422,
      'not_live',
      'The enrolment picture does not look like a live face (a printed photo or a screen?)',
    );
  }
  const enrolment = { template: analysis.template, enrolledAt: nowIso };
  state.enrolments.set(upnKey(userPrincipalName), enrolment);
  return { userPrincipalName, enrolledAt: enrolment.enrolledAt };
}

/** CO-13: refuses face verification while the user's suspension runs. */
function checkNotSuspended(state: CloudState, userPrincipalName: string, nowMs: number): void {
  const until = state.failures.get(upnKey(userPrincipalName))?.suspendedUntil ?? 0;
  if (until > nowMs) {
    throw new ServiceError(
      423,
      'face_suspended',
      `Face recognition is suspended for ${userPrincipalName} until ${new Date(until).toISOString()} after ${state.failureLimit} failed attempts`,
    );
  }
}

/** Counts a failure or clears the run on a match; the limit starts a suspension. */
function recordAttempt(
  state: CloudState,
  userPrincipalName: string,
  matched: boolean,
  nowMs: number,
): { attemptsLeft: number; suspendedUntil?: string } {
  const key = upnKey(userPrincipalName);
  if (matched) {
    state.failures.delete(key);
    return { attemptsLeft: state.failureLimit };
  }
  const record = state.failures.get(key) ?? { consecutive: 0, suspendedUntil: 0 };
  record.consecutive += 1;
  if (record.consecutive < state.failureLimit) {
    state.failures.set(key, record);
    return { attemptsLeft: state.failureLimit - record.consecutive };
  }
  const until = nowMs + state.suspensionSeconds * 1000;
  state.failures.set(key, { consecutive: 0, suspendedUntil: until });
  return { attemptsLeft: 0, suspendedUntil: new Date(until).toISOString() };
}

/**
 * A short-lived permission for a device to send faces of one user for verification:
 * the first attempt and any retries within its lifetime.
 */
export function issueTicket(state: CloudState, userPrincipalName: string, nowMs: number) {
  if (!isEnrolled(state, userPrincipalName)) {
    throw new ServiceError(409, 'not_enrolled', `User ${userPrincipalName} has no enrolled face`);
  }
  checkNotSuspended(state, userPrincipalName, nowMs);
  const ticket = { id: randomUUID(), userPrincipalName, expiresAt: nowMs + state.ticketLifetimeMs };
  state.tickets.set(ticket.id, ticket);
  return ticket;
}

/**
 * Compares a camera frame with the enrolled template of the ticket's user. A frame
 * without enough contrast holds no face. The frame is analysed and dropped: only the
 * verdict and score are kept.
 */
export function verifyFace(
  state: CloudState,
  ticketId: string,
  frame: Buffer,
  nowMs: number,
  planted: PlantedCloudFaults = {},
): Verification {
  const ticket = state.tickets.get(ticketId);
  if (!ticket || ticket.expiresAt < nowMs) {
    throw new ServiceError(401, 'invalid_ticket', 'The verification ticket is unknown or expired');
  }
  const enrolment = state.enrolments.get(upnKey(ticket.userPrincipalName));
  if (!enrolment)
    throw new ServiceError(
      409,
      'not_enrolled',
      `User ${ticket.userPrincipalName} has no enrolled face`,
    );
  checkNotSuspended(state, ticket.userPrincipalName, nowMs);

  const match = matchFrame(readFrameBytes(frame), enrolment.template);

  const result = judgeFace(state, match, planted);
  // A face refused before matching gets no score: a print must not learn it was the right face.
  const matched = result === 'match' || result === 'no_match';
  const score = !matched ? 0 : planted.acceptAnyFace ? 1 : match.score;
  const verification: Verification = {
    id: randomUUID(),
    ticketId,
    userPrincipalName: ticket.userPrincipalName,
    result,
    score: Math.round(score * 1000) / 1000,
    time: new Date(nowMs).toISOString(),
    ...recordAttempt(state, ticket.userPrincipalName, result === 'match', nowMs),
  };
  state.verifications.set(verification.id, verification);
  if (state.verifications.size > KEPT_VERIFICATIONS) {
    state.verifications.delete(state.verifications.keys().next().value!);
  }
  return verification;
}

/** Faults planted on purpose, to prove the scenarios catch them (platform/faults.ts). */
export interface PlantedCloudFaults {
  acceptAnyFace?: boolean;
  skipLiveness?: boolean;
}

/**
 * In order: is there a face; is it live (a flat picture is not, however well it
 * matches); does it match the template.
 */
function judgeFace(
  state: CloudState,
  match: FrameMatch,
  planted: PlantedCloudFaults,
): VerificationResult {
  if (match.contrast < state.minFaceContrast) return 'no_face';
  if (match.contrast < state.minLiveContrast && !planted.skipLiveness) return 'not_live';
  if (planted.acceptAnyFace) return 'match';
  return match.score >= state.matchThreshold ? 'match' : 'no_match';
}

export function getVerification(state: CloudState, id: string): Verification {
  const verification = state.verifications.get(id);
  if (!verification) throw new ServiceError(404, 'verification_unknown', `No verification ${id}`);
  return verification;
}
