import { timingSafeEqual } from 'node:crypto';

import type { EamUser, UserPolicy } from '../../fixtures/tenant';
import { ServiceError } from '../platform/http-error';
import { summariseCloudConnect } from './cloud-connect';
import type { EamState } from './state';

export function findBadgeOwner(state: EamState, badgeId: string): EamUser {
  const user = state.users.find((u) => u.badgeIds.includes(badgeId));
  if (!user)
    throw new ServiceError(404, 'badge_unknown', `Badge ${badgeId} is not enrolled to any user`);
  return user;
}

export function findUser(state: EamState, userId: string): EamUser {
  const user = state.users.find((u) => u.id === userId);
  if (!user) throw new ServiceError(404, 'user_unknown', `No EAM user ${userId}`);
  return user;
}

export function policyOf(state: EamState, user: EamUser): UserPolicy {
  const policy = state.policies.get(user.policyId);
  if (!policy)
    throw new ServiceError(
      500,
      'policy_missing',
      `User ${user.id} names policy ${user.policyId}, which does not exist`,
    );
  return policy;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a PIN or password and audits the attempt; the answer never says which part was wrong. */
export function authenticate(
  state: EamState,
  userId: string,
  method: 'pin' | 'password',
  secret: string,
  nowIso: string,
): boolean {
  const user = findUser(state, userId);
  const ok = sameSecret(secret, method === 'pin' ? user.pin : user.password);
  state.audit.push({
    time: nowIso,
    userId,
    event: 'authenticate',
    method,
    result: ok ? 'success' : 'failure',
  });
  return ok;
}

export function applianceStatus(state: EamState) {
  return {
    version: state.version,
    cloudConnect: summariseCloudConnect(state.cloudConnect),
    licences: { ...state.licences },
  };
}
