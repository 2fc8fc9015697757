import type { Device, UserPolicy } from '../../fixtures/tenant';
import type { PlatformClock } from '../platform/clock';
import type { PlantedFault } from '../platform/faults';
import { ServiceError } from '../platform/http-error';
import { callUpstream, UpstreamUnreachable, type UpstreamCall } from '../platform/upstream';
import { decideFace, type FaceDecision, type FaceFacts } from './eligibility';
import type { FaceResult, FaceUnavailableReason } from './reasons';
import type { CheckoutSession, MamState } from './state';
import * as rules from './rules';

/** Where MAM finds EAM and the cloud, and the secrets it calls them with. */
export interface MamUpstreams {
  eamUrl: string;
  eamApiKey: string;
  cloudUrl: string;
  cloudToken: string;
}

export interface MamContext {
  state(): MamState;
  clock: PlatformClock;
  upstreams(): MamUpstreams;
  faults: ReadonlySet<PlantedFault>;
}

/** The session as the Locker page sees it, with any planted fault applied. */
export function viewOf(ctx: MamContext, session: CheckoutSession) {
  return rules.sessionView(session, { noFallback: ctx.faults.has('mam-offers-no-fallback') });
}

/** Calls an upstream and insists on success; anything else is MAM's own 502. */
async function fetchOk<T>(url: string, call: UpstreamCall): Promise<T> {
  const answer = await callUpstream<T>(url, call);
  if (answer.status >= 400) {
    throw new ServiceError(
      502,
      'upstream_error',
      `${call.method ?? 'GET'} ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

interface BadgeOwner {
  userId: string;
  userPrincipalName: string;
  displayName: string;
}

async function whoOwnsBadge(
  ctx: MamContext,
  launchpadId: string,
  badgeId: string,
  correlationId: string,
): Promise<BadgeOwner> {
  const { eamUrl, eamApiKey } = ctx.upstreams();
  const answer = await callUpstream<BadgeOwner>(
    `${eamUrl}/api/v1/badges/${encodeURIComponent(badgeId)}`,
    { token: eamApiKey, correlationId },
  );
  if (answer.status === 404) {
    rules.recordAudit(ctx.state(), {
      time: ctx.clock.nowIso(),
      correlationId,
      event: 'badge_tap',
      launchpadId,
      factors: ['badge'],
      result: 'failure',
      reason: 'badge_unknown',
      detail: `badge ${badgeId}`,
    });
    throw new ServiceError(404, 'badge_unknown', `Badge ${badgeId} belongs to nobody in EAM`);
  }
  if (answer.status >= 400)
    throw new ServiceError(
      502,
      'upstream_error',
      `EAM answered ${answer.status} for badge ${badgeId}`,
    );
  return answer.body;
}

/** Gathers every fact the face decision needs; an unreachable cloud is itself a decision. */
async function decideForUser(
  ctx: MamContext,
  owner: BadgeOwner,
  device: Device,
  correlationId: string,
): Promise<{ decision: FaceDecision; policy: UserPolicy; ticket?: string }> {
  const { eamUrl, eamApiKey, cloudUrl, cloudToken } = ctx.upstreams();
  const eam = (path: string) =>
    fetchOk<any>(`${eamUrl}${path}`, { token: eamApiKey, correlationId });
  const cloud = (path: string, body?: unknown) =>
    fetchOk<any>(`${cloudUrl}${path}`, {
      token: cloudToken,
      correlationId,
      body,
      method: body ? 'POST' : 'GET',
    });

  const [appliance, policy, computer] = await Promise.all([
    eam('/api/v1/appliance'),
    eam(`/api/v1/users/${owner.userId}/policy`) as Promise<UserPolicy>,
    eam(
      `/api/v1/launchpads/${device.launchpadId}/computer-policy?deviceId=${encodeURIComponent(device.id)}&platform=${device.platform}`,
    ),
  ]);

  const upn = encodeURIComponent(owner.userPrincipalName);
  let cloudFacts;
  try {
    const [tenant, directory, enrolment] = await Promise.all([
      cloud('/api/v1/tenant'),
      cloud(`/api/v1/directory/users/${upn}`),
      cloud(`/api/v1/face/enrolments/${upn}`),
    ]);
    cloudFacts = { tenant, directory, enrolment };
  } catch (error) {
    if (!(error instanceof UpstreamUnreachable)) throw error;
    const detail = `MAM could not reach the cloud platform: ${error.message}`;
    return { decision: { offered: false, reason: 'cloud_unreachable', detail }, policy };
  }

  const facts: FaceFacts = {
    eamVersion: appliance.version,
    cloudConnect: appliance.cloudConnect,
    licences: appliance.licences,
    cloudServicesAmendment: cloudFacts.tenant.agreements.cloudServicesAmendment,
    policy,
    badge: { badgeAllowed: computer.badgeAllowed, detail: computer.detail },
    directory: cloudFacts.directory,
    device,
    enrolled: cloudFacts.enrolment.enrolled,
  };
  const decision = decideFace(facts);
  if (!decision.offered || decision.enrolment) return { decision, policy };

  const issued = await requestTicket(ctx, owner.userPrincipalName, correlationId);
  if ('suspended' in issued) {
    return {
      decision: { offered: false, reason: 'face_suspended', detail: issued.suspended },
      policy,
    };
  }
  return { decision, policy, ticket: issued.ticket };
}

/** A verification ticket from the cloud, or why face is suspended for the user (CO-13). */
async function requestTicket(
  ctx: MamContext,
  userPrincipalName: string,
  correlationId: string,
): Promise<{ ticket: string } | { suspended: string }> {
  const { cloudUrl, cloudToken } = ctx.upstreams();
  const answer = await callUpstream<{ ticket: string; error?: { code: string; message: string } }>(
    `${cloudUrl}/api/v1/face/tickets`,
    {
      method: 'POST',
      token: cloudToken,
      correlationId,
      body: { userPrincipalName },
    },
  );
  if (answer.status === 423)
    return { suspended: answer.body.error?.message ?? 'face recognition is suspended' };
  if (answer.status >= 400)
    throw new ServiceError(
      502,
      'upstream_error',
      `the cloud refused a ticket: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  return { ticket: answer.body.ticket };
}

/** Taps waiting per Launchpad, per state (a reset starts with none waiting). */
const tapQueues = new WeakMap<MamState, Map<string, Promise<unknown>>>();

/**
 * A Launchpad handles one tap at a time, as the hardware does. Without this, two
 * taps in flight together (found by the check-out benchmark) both picked the same
 * docked phone while their upstream calls were pending.
 */
function oneTapAtATime<T>(state: MamState, launchpadId: string, tap: () => Promise<T>): Promise<T> {
  const queues = tapQueues.get(state) ?? new Map<string, Promise<unknown>>();
  tapQueues.set(state, queues);
  const turn = (queues.get(launchpadId) ?? Promise.resolve()).then(tap);
  queues.set(
    launchpadId,
    turn.catch(() => undefined),
  );
  return turn;
}

/** CO-01: a badge tap on a Launchpad starts a check-out on one of its docked devices. */
export async function tapBadge(
  ctx: MamContext,
  launchpadId: string,
  badgeId: string,
  correlationId: string,
) {
  const state = ctx.state();
  rules.findLaunchpad(state, launchpadId);
  return oneTapAtATime(state, launchpadId, () =>
    handOutDevice(ctx, launchpadId, badgeId, correlationId),
  );
}

async function handOutDevice(
  ctx: MamContext,
  launchpadId: string,
  badgeId: string,
  correlationId: string,
) {
  const state = ctx.state();
  const owner = await whoOwnsBadge(ctx, launchpadId, badgeId, correlationId);
  const device = rules.pickDockedDevice(state, launchpadId, ctx.clock.nowIso());
  const { decision, policy, ticket } = await decideForUser(ctx, owner, device, correlationId);

  // Nothing is reserved until every upstream answered, so a failure leaves no device half-taken.
  const session = rules.openSession(
    state,
    {
      correlationId,
      device,
      eamUserId: owner.userId,
      userPrincipalName: owner.userPrincipalName,
      displayName: owner.displayName,
      primaryMethods: policy.primaryMethods,
      secondFactor: policy.secondFactor,
      gracePeriodMinutes: policy.gracePeriodMinutes,
      decision,
      ticket,
    },
    ctx.clock.nowIso(),
  );
  return viewOf(ctx, session);
}

interface CloudVerification {
  ticketId: string;
  userPrincipalName: string;
  result: FaceResult;
  score: number;
  suspendedUntil?: string;
}

/** The device sent a face to the cloud; MAM asks the cloud itself what it decided. */
export async function submitFace(ctx: MamContext, sessionId: string, verificationId: string) {
  const state = ctx.state();
  const session = rules.findSession(state, sessionId);
  const { cloudUrl, cloudToken } = ctx.upstreams();
  const verification = await fetchOk<CloudVerification>(
    `${cloudUrl}/api/v1/face/verifications/${encodeURIComponent(verificationId)}`,
    { token: cloudToken, correlationId: session.correlationId },
  );
  if (verification.ticketId !== session.face.ticket) {
    throw new ServiceError(
      403,
      'verification_mismatch',
      'The verification was not made for this check-out session',
    );
  }
  rules.applyFaceResult(state, session, verification, ctx.clock.nowIso());
  if (verification.suspendedUntil)
    rules.suspendFace(state, session, verification.suspendedUntil, ctx.clock.nowIso());
  return {
    ...viewOf(ctx, session),
    lastResult: {
      result: verification.result,
      message: rules.faceResultMessage(verification.result),
    },
  };
}

export function reportFaceUnavailable(
  ctx: MamContext,
  sessionId: string,
  reason: FaceUnavailableReason,
) {
  const state = ctx.state();
  const session = rules.findSession(state, sessionId);
  rules.markFaceUnavailable(state, session, reason, ctx.clock.nowIso());
  return viewOf(ctx, session);
}

async function checkSecret(
  ctx: MamContext,
  eamUserId: string,
  method: 'pin' | 'password',
  secret: string,
  correlationId: string,
) {
  const { eamUrl, eamApiKey } = ctx.upstreams();
  const answer = await fetchOk<{ authenticated: boolean }>(
    `${eamUrl}/api/v1/users/${eamUserId}/authenticate`,
    {
      method: 'POST',
      token: eamApiKey,
      correlationId,
      body: { method, secret },
    },
  );
  return answer.authenticated;
}

/** CO-04: another primary factor the policy allows completes the check-out. */
export async function submitFallback(
  ctx: MamContext,
  sessionId: string,
  method: 'pin' | 'password',
  secret: string,
) {
  const state = ctx.state();
  const session = rules.findSession(state, sessionId);
  rules.assertFallbackAllowed(session, method);
  const ok = await checkSecret(ctx, session.eamUserId, method, secret, session.correlationId);
  rules.applyFallbackResult(state, session, method, ok, ctx.clock.nowIso());
  return viewOf(ctx, session);
}

/** CO-02: the PIN asked after a face match when the policy pairs face with a PIN. */
export async function submitSecondFactor(ctx: MamContext, sessionId: string, pin: string) {
  const state = ctx.state();
  const session = rules.findSession(state, sessionId);
  if (session.status !== 'awaiting_second_factor') {
    throw new ServiceError(
      409,
      'session_state',
      `Session ${session.id} is ${session.status}; no second factor is pending`,
    );
  }
  const ok = await checkSecret(ctx, session.eamUserId, 'pin', pin, session.correlationId);
  rules.applySecondFactorResult(state, session, ok, ctx.clock.nowIso());
  return viewOf(ctx, session);
}

/**
 * CO-12: the device asked the user before a first enrolment. Without consent nothing
 * goes to the cloud; with it, MAM passes the one picture on and starts verification.
 */
export async function submitEnrolment(
  ctx: MamContext,
  sessionId: string,
  consent: boolean,
  image: string | undefined,
) {
  const state = ctx.state();
  const session = rules.findSession(state, sessionId);
  if (session.status !== 'awaiting_consent') {
    throw new ServiceError(
      409,
      'session_state',
      `Session ${session.id} is ${session.status}; no enrolment is pending`,
    );
  }
  if (!consent) {
    rules.recordEnrolment(state, session, { consent: false, enrolled: false }, ctx.clock.nowIso());
    return viewOf(ctx, session);
  }
  if (!image)
    throw new ServiceError(
      400,
      'invalid_body',
      'Enrolment with consent needs the picture: {"consent": true, "image": base64 PGM or PNG}',
    );

  const { cloudUrl, cloudToken } = ctx.upstreams();
  const answer = await callUpstream<{ error?: { code: string; message: string } }>(
    `${cloudUrl}/api/v1/face/enrolments`,
    {
      method: 'POST',
      token: cloudToken,
      correlationId: session.correlationId,
      body: { userPrincipalName: session.userPrincipalName, consent: true, image },
    },
  );
  if (answer.status !== 201) {
    const detail = `the cloud platform refused the enrolment: ${answer.body?.error?.message ?? answer.status}`;
    rules.recordEnrolment(
      state,
      session,
      { consent: true, enrolled: false, detail },
      ctx.clock.nowIso(),
    );
    return viewOf(ctx, session);
  }
  rules.recordEnrolment(state, session, { consent: true, enrolled: true }, ctx.clock.nowIso());
  const issued = await requestTicket(ctx, session.userPrincipalName, session.correlationId);
  if ('ticket' in issued) rules.startVerification(session, issued.ticket);
  return viewOf(ctx, session);
}
